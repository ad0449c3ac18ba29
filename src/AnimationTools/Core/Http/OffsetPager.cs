using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Flurl.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Walks a list API paged by <c>limit</c> and <c>offset</c> whose pages are JSON arrays (Varjo Teleport): a page
    /// shorter than the limit is the last one. Items created while the walk goes on shift later pages (the newest come
    /// first), so with a key the pager drops items it already returned; a page that brings nothing new ends the walk, so
    /// a service that ignores the offset cannot make it loop forever.
    /// </summary>
    public sealed class OffsetPager<T> : IPager<T>
    {
        readonly HttpPipeline _http;
        readonly Func<IFlurlRequest> _request;
        readonly Func<T, string> _key;
        readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        int _offset;

        /// <param name="http">The session's pipeline.</param>
        /// <param name="request">A new request for the list (the pager adds <c>limit</c> and <c>offset</c>).</param>
        /// <param name="pageSize">The <c>limit</c> of each page.</param>
        /// <param name="key">The identity of an item, to drop repeats; null to keep every item.</param>
        /// <param name="startAt">The first <c>offset</c>.</param>
        public OffsetPager(HttpPipeline http, Func<IFlurlRequest> request, int pageSize, Func<T, string> key = null, int startAt = 0)
        {
            if (pageSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize));
            }
            _http = http;
            _request = request;
            _key = key;
            PageSize = pageSize;
            _offset = startAt;
        }

        public int PageSize { get; }

        public bool HasMore { get; private set; } = true;

        public int PagesRead { get; private set; }

        /// <summary>The offset of the next page.</summary>
        public int Offset => _offset;

        public async Task<IReadOnlyList<T>> NextPageAsync(CancellationToken cancellationToken)
        {
            if (!HasMore)
            {
                return new T[0];
            }
            var request = _request().SetQueryParam("limit", PageSize).SetQueryParam("offset", _offset);
            var path = "GET " + request.Url.Path;
            var body = await request.GetStringAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var items = Json.Deserialize<List<T>>(string.IsNullOrWhiteSpace(body) ? "[]" : body, _http.Service, path);
            PagesRead++;
            _offset += items.Count;
            HasMore = items.Count >= PageSize;
            if (_key == null)
            {
                return items;
            }
            var fresh = new List<T>(items.Count);
            foreach (var item in items)
            {
                if (_seen.Add(_key(item) ?? ""))
                {
                    fresh.Add(item);
                }
            }
            if (fresh.Count == 0 && items.Count > 0)
            {
                HasMore = false;
            }
            return fresh;
        }
    }
}
