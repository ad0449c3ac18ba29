using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
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
    /// call, so callers fetch only the pages they consume. It follows links only on the session's own origin (scheme,
    /// host and port of the endpoint: never another host, never plain HTTP off loopback), never a page it has read
    /// already (a cycle), and at most <see cref="MaxPages"/> pages; each of these ends the walk with a typed error.
    /// </summary>
    public sealed class LinkHeaderPager<T> : IPager<T>
    {
        /// <summary>Pages one walk reads at most, unless the caller sets <see cref="MaxPages"/>.</summary>
        public const int DefaultMaxPages = 1000;

        readonly HttpPipeline _http;
        readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        IFlurlRequest _next;
        AnimationToolsException _refused;

        public LinkHeaderPager(HttpPipeline http, IFlurlRequest firstPage)
        {
            _http = http;
            _next = firstPage;
        }

        /// <summary>Whether another page can be fetched (or the link to it was refused: the next call says why).</summary>
        public bool HasMore => _next != null || _refused != null;

        /// <summary>Pages fetched so far.</summary>
        public int PagesRead { get; private set; }

        /// <summary>The most pages this walk reads; a service that links more is a <c>Service.TooManyPages</c> error.</summary>
        public int MaxPages { get; set; } = DefaultMaxPages;

        /// <summary>The <c>rel="last"</c> link of the last page read, when the service gave one.</summary>
        public Uri Last { get; private set; }

        public async Task<IReadOnlyList<T>> NextPageAsync(CancellationToken cancellationToken)
        {
            if (_refused != null)
            {
                // The items of the page that carried the refused link were returned; the walk ends here.
                var refused = _refused;
                _refused = null;
                throw refused;
            }
            if (_next == null)
            {
                return new T[0];
            }
            _seen.Add(Key(_next.Url.ToUri()));
            using (var response = await _next.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var body = await response.GetStringAsync().ConfigureAwait(false);
                var message = response.ResponseMessage;
                var what = "GET " + message.RequestMessage?.RequestUri?.AbsolutePath;
                var items = Json.Deserialize<List<T>>(string.IsNullOrWhiteSpace(body) ? "[]" : body, _http.Service, what);
                if (items.Any(item => item == null))
                {
                    throw new AnimationToolsException(_http.Service + ".InvalidResponse", ErrorCategory.InvalidResult,
                        $"{_http.Service} sent a page with empty (null) items to {what}.");
                }
                var links = LinkHeader.Parse(message);
                if (message.RequestMessage?.RequestUri != null)
                {
                    // Where a redirect ended counts as read too.
                    _seen.Add(Key(message.RequestMessage.RequestUri));
                }
                PagesRead++;
                Last = links.TryGetValue("last", out var last) ? last : Last;
                _next = null;
                if (links.TryGetValue("next", out var next) && next.AbsoluteUri != message.RequestMessage?.RequestUri?.AbsoluteUri)
                {
                    _refused = Refusal(next);
                    _next = _refused == null ? _http.Request(next.AbsoluteUri) : null;
                }
                return items;
            }
        }

        /// <summary>Why the walk may not go to the next page, or null.</summary>
        AnimationToolsException Refusal(Uri next)
        {
            var service = _http.Service;
            var own = _http.BaseUrl;
            if (!string.Equals(next.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(next.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
                || next.Port != own.Port)
            {
                return new AnimationToolsException(service + ".ForeignLink", ErrorCategory.SecurityError,
                    $"{service} linked the next page to another origin ({next.Scheme}://{next.Authority}); only pages on {own.Scheme}://{own.Authority} are followed. Stopped after {PagesRead} page(s).");
            }
            if (_seen.Contains(Key(next)))
            {
                return new AnimationToolsException(service + ".PagingLoop", ErrorCategory.InvalidResult,
                    $"{service} linked the next page to a page already read ({_http.Describe(next)}): the pages form a cycle. Stopped after {PagesRead} page(s).");
            }
            if (PagesRead >= MaxPages)
            {
                return new AnimationToolsException(service + ".TooManyPages", ErrorCategory.LimitsExceeded,
                    $"{service} linked more than {MaxPages} pages; stopped there.")
                {
                    RecommendedAction = "Narrow the listing with filters, or ask for fewer items (-First).",
                };
            }
            return null;
        }

        static string Key(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }
}
