using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// A list API read one page per call, so a caller fetches only the pages it consumes (Stripe's ListAutoPaging,
    /// with the paging left to the caller). One idea, several shapes: <see cref="LinkHeaderPager{T}"/> follows
    /// <c>rel="next"</c> links, <see cref="OffsetPager{T}"/> counts <c>limit</c>/<c>offset</c>.
    /// </summary>
    public interface IPager<T>
    {
        /// <summary>Whether another page can be fetched.</summary>
        bool HasMore { get; }

        /// <summary>Pages fetched so far.</summary>
        int PagesRead { get; }

        /// <summary>The next page (empty once <see cref="HasMore"/> is false).</summary>
        Task<IReadOnlyList<T>> NextPageAsync(CancellationToken cancellationToken);
    }

    /// <summary>Ways to read a pager that every list cmdlet needs.</summary>
    public static class PagerExtensions
    {
        /// <summary>Reads pages until <paramref name="stop"/> says enough (or none is left); returns every item read.</summary>
        public static async Task<List<T>> ReadUntilAsync<T>(this IPager<T> pager, System.Func<IReadOnlyList<T>, bool> stop, CancellationToken cancellationToken)
        {
            var all = new List<T>();
            while (pager.HasMore)
            {
                var page = await pager.NextPageAsync(cancellationToken).ConfigureAwait(false);
                all.AddRange(page);
                if (stop != null && stop(all))
                {
                    break;
                }
            }
            return all;
        }

        /// <summary>Every item of every page.</summary>
        public static Task<List<T>> ReadAllAsync<T>(this IPager<T> pager, CancellationToken cancellationToken) => pager.ReadUntilAsync(null, cancellationToken);
    }
}
