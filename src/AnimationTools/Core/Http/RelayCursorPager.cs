using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AnimationTools.Core.Http
{
    /// <summary>One page of a Relay-style GraphQL connection: its nodes and <c>pageInfo { hasNextPage endCursor }</c>.</summary>
    public sealed class RelayPage<T>
    {
        public RelayPage(IReadOnlyList<T> items, bool hasNextPage, string endCursor)
        {
            Items = items;
            HasNextPage = hasNextPage;
            EndCursor = endCursor;
        }

        public IReadOnlyList<T> Items { get; }

        public bool HasNextPage { get; }

        public string EndCursor { get; }
    }

    /// <summary>
    /// Walks a Relay cursor connection (<c>first</c>, <c>after</c>, <c>pageInfo</c>) one page per call, so callers read
    /// only the pages they consume. The service-specific part (the query and where the connection sits in its answer) is
    /// the <c>fetch</c> delegate: given the cursor to continue after (null for the first page), it returns one page.
    /// </summary>
    public sealed class RelayCursorPager<T>
    {
        readonly Func<string, CancellationToken, Task<RelayPage<T>>> _fetch;
        string _after;

        public RelayCursorPager(Func<string, CancellationToken, Task<RelayPage<T>>> fetch)
        {
            _fetch = fetch;
        }

        /// <summary>Whether another page can be fetched.</summary>
        public bool HasMore { get; private set; } = true;

        /// <summary>Pages fetched so far.</summary>
        public int PagesRead { get; private set; }

        public async Task<IReadOnlyList<T>> NextPageAsync(CancellationToken cancellationToken)
        {
            if (!HasMore)
            {
                return new T[0];
            }
            var page = await _fetch(_after, cancellationToken).ConfigureAwait(false);
            PagesRead++;
            // A connection that repeats its cursor (or gives none) would loop forever.
            HasMore = page.HasNextPage && !string.IsNullOrEmpty(page.EndCursor) && page.EndCursor != _after;
            _after = page.EndCursor;
            return page.Items;
        }
    }
}
