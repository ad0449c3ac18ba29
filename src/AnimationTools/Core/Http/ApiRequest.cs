using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// One logical API call. Its message is built anew for every attempt, so retries and the replay after a renewed
    /// login never reuse a sent HttpRequestMessage.
    /// </summary>
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string pathOrUrl)
        {
            Method = method;
            PathOrUrl = pathOrUrl;
        }

        public HttpMethod Method { get; }

        /// <summary>A path relative to the session endpoint, or an absolute URL (signed storage URLs).</summary>
        public string PathOrUrl { get; }

        /// <summary>Builds the body for one attempt; null for none.</summary>
        public Func<HttpContent> Content { get; set; }

        /// <summary>Adds request-specific headers for one attempt.</summary>
        public Action<HttpRequestHeaders> Headers { get; set; }

        /// <summary>Whether the session's authenticator signs this request (false for login and signed URLs).</summary>
        public bool Authenticate { get; set; } = true;

        /// <summary>
        /// False for a call that starts paid work: after an ambiguous failure it is never retried by the pipeline;
        /// the caller gets an AmbiguousRequestException and must look the work up first.
        /// </summary>
        public bool Idempotent { get; set; } = true;

        /// <summary>False to make a single attempt (the caller has its own recovery, like a resumable upload).</summary>
        public bool Retry { get; set; } = true;

        /// <summary>Per-attempt timeout; the session's default when null.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>ResponseHeadersRead for downloads that stream the body.</summary>
        public HttpCompletionOption Completion { get; set; } = HttpCompletionOption.ResponseContentRead;

        /// <summary>Statuses the caller handles itself instead of getting an error (e.g. 308 of a resumable upload).</summary>
        public Func<int, bool> AcceptStatus { get; set; }

        public static ApiRequest Get(string pathOrUrl) => new ApiRequest(HttpMethod.Get, pathOrUrl);

        public static ApiRequest Post(string pathOrUrl, Func<HttpContent> content) => new ApiRequest(HttpMethod.Post, pathOrUrl) { Content = content };

        public static ApiRequest Delete(string pathOrUrl) => new ApiRequest(HttpMethod.Delete, pathOrUrl);
    }
}
