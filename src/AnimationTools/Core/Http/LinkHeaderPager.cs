using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Flurl.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>Reads an RFC 8288 <c>Link</c> header: relation name → absolute URL.</summary>
    public static class LinkHeader
    {
        static readonly Regex Entry = new Regex(@"<(?<url>[^>]*)>(?<params>[^,<]*)", RegexOptions.Compiled);
        static readonly Regex Rel = new Regex(@";\s*rel\s*=\s*(""(?<rel>[^""]*)""|(?<rel>[^;\s,]+))", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        public static IReadOnlyDictionary<string, Uri> Parse(HttpResponseMessage response)
        {
            var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            if (!response.Headers.TryGetValues("Link", out var values))
            {
                return links;
            }
            var baseUri = response.RequestMessage?.RequestUri;
            foreach (var value in values)
            {
                foreach (Match entry in Entry.Matches(value))
                {
                    var rel = Rel.Match(entry.Groups["params"].Value);
                    if (!rel.Success)
                    {
                        continue;
                    }
                    var text = entry.Groups["url"].Value.Trim();
                    Uri url;
                    if (!Uri.TryCreate(text, UriKind.Absolute, out url) && (baseUri == null || !Uri.TryCreate(baseUri, text, out url)))
                    {
                        continue;
                    }
                    // One link may carry several space-separated relation types.
                    foreach (var name in rel.Groups["rel"].Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        links[name] = url;
                    }
                }
            }
            return links;
        }
    }

    /// <summary>
    /// Walks a list API whose pages are JSON arrays linked by <c>rel="next"</c> in the Link header, one page per
    /// call, so callers fetch only the pages they consume. Pages on another host are fetched unsigned.
    /// </summary>
    public sealed class LinkHeaderPager<T> : IPager<T>
    {
        readonly HttpPipeline _http;
        IFlurlRequest _next;

        public LinkHeaderPager(HttpPipeline http, IFlurlRequest firstPage)
        {
            _http = http;
            _next = firstPage;
        }

        /// <summary>Whether another page can be fetched.</summary>
        public bool HasMore => _next != null;

        /// <summary>Pages fetched so far.</summary>
        public int PagesRead { get; private set; }

        /// <summary>The <c>rel="last"</c> link of the last page read, when the service gave one.</summary>
        public Uri Last { get; private set; }

        public async Task<IReadOnlyList<T>> NextPageAsync(CancellationToken cancellationToken)
        {
            if (_next == null)
            {
                return new T[0];
            }
            using (var response = await _next.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var body = await response.GetStringAsync().ConfigureAwait(false);
                var message = response.ResponseMessage;
                var items = Json.Deserialize<List<T>>(string.IsNullOrWhiteSpace(body) ? "[]" : body, _http.Service, "GET " + message.RequestMessage?.RequestUri?.AbsolutePath);
                var links = LinkHeader.Parse(message);
                PagesRead++;
                Last = links.TryGetValue("last", out var last) ? last : Last;
                var next = links.TryGetValue("next", out var link) ? link.AbsoluteUri : null;
                // A service that links a page to itself would loop forever.
                _next = next != null && next != message.RequestMessage?.RequestUri?.AbsoluteUri ? _http.Request(next) : null;
                return items;
            }
        }
    }
}
