using System;
using System.Net;
using AnimationTools.Core.Errors;
using Flurl.Http;
using Flurl.Http.Configuration;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// The one HTTP client of a session: a Flurl client whose policies live here, in Azure.Core's order. Clients build
    /// their calls fluently from <see cref="Request"/> (<c>Http.Request("status").AppendPathSegment(id, true).GetJsonAsync&lt;T&gt;()</c>)
    /// and every call goes through the same handlers:
    /// <see cref="RetryHandler"/> (outermost: asks the <see cref="ResponseClassifier"/> about each attempt, retries with
    /// back-off that honours Retry-After), <see cref="AuthenticationHandler"/> (signs the session's own URLs, logs in again
    /// on 401), <see cref="AttemptTimeoutHandler"/> (a time limit per attempt), <see cref="LoggingHandler"/> (innermost:
    /// redacted debug and verbose lines), and then <see cref="FailureMapping"/> (Flurl's OnError) for typed errors.
    /// </summary>
    public sealed class HttpPipeline : IDisposable
    {
        readonly IFlurlClient _client;
        readonly Uri _base;

        /// <param name="service">Service name: the prefix of error ids and log lines.</param>
        /// <param name="endpoint">The session's endpoint; relative requests resolve against it, and only URLs under it are signed.</param>
        /// <param name="retry">The session's retry and timeout settings, read at every request (users may change them).</param>
        /// <param name="errors">Turns failed answers into typed errors; the service's own when its error bodies say more.</param>
        /// <param name="classifier">Tells failures and retriable failures; the service's own when its failures are not HTTP statuses.</param>
        public HttpPipeline(string service, Uri endpoint, RetrySettings retry, ServiceErrorMapper errors = null, ResponseClassifier classifier = null)
        {
            Service = service;
            _base = EndpointPolicy.AsBase(endpoint);
            Retry = retry;
            Errors = errors ?? new ServiceErrorMapper(service);
            Classifier = classifier ?? ResponseClassifier.Default;

            // Outermost first: a retry repeats signing and the time limit; logging sees each attempt as sent.
            var builder = new FlurlClientBuilder(_base.AbsoluteUri)
                .AddMiddleware(() => new RetryHandler(this))
                .AddMiddleware(() => new AuthenticationHandler(this))
                .AddMiddleware(() => new AttemptTimeoutHandler(this))
                .AddMiddleware(() => new LoggingHandler(this))
                // Downloads resume by byte ranges and check lengths: bodies must arrive as the server stored them.
                .ConfigureInnerHandler(handler => handler.AutomaticDecompression = DecompressionMethods.None)
                .WithHeader("User-Agent", "AnimationTools/" + typeof(HttpPipeline).Assembly.GetName().Version.ToString(3))
                .WithSettings(settings =>
                {
                    // Flurl's timeout would span all attempts; AttemptTimeoutHandler limits each one instead.
                    settings.Timeout = null;
                    // The classifier alone decides what a failure is: some services answer failures with 200.
                    settings.AllowedHttpStatusRange = "*";
                    settings.JsonSerializer = Json.Serializer;
                });
            builder.EventHandlers.Add((FlurlEventType.OnError, new FailureMapping(this)));
            _client = builder.Build();
        }

        /// <summary>Service name, e.g. DeepMotion.</summary>
        public string Service { get; }

        /// <summary>The endpoint as a base URL (ends with a slash).</summary>
        public Uri BaseUrl => _base;

        /// <summary>The session's retry and timeout settings.</summary>
        public RetrySettings Retry { get; }

        /// <summary>Turns failed answers into the service's typed errors.</summary>
        public ServiceErrorMapper Errors { get; }

        /// <summary>Tells the service's failures, and which of them may be tried again.</summary>
        public ResponseClassifier Classifier { get; }

        /// <summary>Signs the session's requests; set by the session once its authenticator exists.</summary>
        public IRequestAuthenticator Authenticator { get; set; } = AnonymousAuthenticator.Instance;

        /// <summary>
        /// A request to an absolute URL, or to path segments under the endpoint. Segments are taken as they are: append
        /// ids from users or services with <c>AppendPathSegment(id, fullyEncode: true)</c>.
        /// </summary>
        public IFlurlRequest Request(params object[] urlOrSegments) => _client.Request(urlOrSegments);

        /// <summary>
        /// A URL a service's answer gave (or a documented path): a path is resolved against the endpoint; a URL with a
        /// scheme must pass <see cref="EndpointPolicy.ValidateResponseUrl"/> (HTTPS, HTTP only on loopback, no user
        /// info), else it is <c>Service.InvalidResponse</c>.
        /// </summary>
        public Uri Resolve(string pathOrUrl, string what = "link")
        {
            if (string.IsNullOrWhiteSpace(pathOrUrl) || HasScheme(pathOrUrl))
            {
                return EndpointPolicy.ValidateResponseUrl(Service, pathOrUrl, what);
            }
            return new Uri(_base, pathOrUrl.TrimStart('/'));
        }

        /// <summary><c>scheme:</c> at the start (RFC 3986): <c>https://x</c>, <c>ftp://x</c>, <c>file:///x</c>, <c>javascript:x</c>.</summary>
        static bool HasScheme(string text)
        {
            var colon = text.IndexOf(':');
            if (colon <= 0 || !char.IsLetter(text[0]))
            {
                return false;
            }
            for (var i = 1; i < colon; i++)
            {
                var c = text[i];
                if (!char.IsLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Whether a URL belongs to this session: the endpoint's scheme, host and port, and a path under the endpoint's.
        /// Only these get the session's signature.
        /// </summary>
        public bool IsOwnUrl(Uri url)
        {
            return url != null
                && string.Equals(url.Scheme, _base.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(url.IdnHost, _base.IdnHost, StringComparison.OrdinalIgnoreCase)
                && url.Port == _base.Port
                && url.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.Ordinal);
        }

        /// <summary>A URL for messages and logs, with secrets masked.</summary>
        public string Describe(Uri uri) => uri == null ? "" : Redact(uri.GetLeftPart(UriPartial.Path) + uri.Query);

        /// <summary>Masks known secret shapes and the authenticator's live secrets.</summary>
        public string Redact(string text) => Redactor.Redact(text, Authenticator.SecretsToRedact);

        public void Dispose() => _client.Dispose();
    }
}
