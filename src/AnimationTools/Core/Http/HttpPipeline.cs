using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using Polly;
using Polly.Retry;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// The one HTTP path every service uses: sign (and re-login once on 401), time-limit each attempt, retry transient
    /// failures with back-off that honours Retry-After, log with secrets masked, and map failures to typed errors.
    /// </summary>
    public sealed class HttpPipeline : IDisposable
    {
        readonly HttpClient _client;
        readonly Uri _base;
        readonly RetrySettings _retry;
        readonly ServiceErrorMapper _errors;

        public HttpPipeline(string service, Uri endpoint, RetrySettings retry, ServiceErrorMapper errors, HttpMessageHandler handler = null)
        {
            Service = service;
            _base = EndpointPolicy.AsBase(endpoint);
            _retry = retry;
            _errors = errors ?? new ServiceErrorMapper(service);
            _client = new HttpClient(handler ?? new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _client.DefaultRequestHeaders.UserAgent.ParseAdd("AnimationTools/" + typeof(HttpPipeline).Assembly.GetName().Version.ToString(3));
        }

        public string Service { get; }

        public IRequestAuthenticator Authenticator { get; set; } = AnonymousAuthenticator.Instance;

        public Uri Resolve(string pathOrUrl)
        {
            return Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == "http" || absolute.Scheme == "https")
                ? absolute
                : new Uri(_base, pathOrUrl.TrimStart('/'));
        }

        /// <summary>Sends the request and returns a successful (or caller-accepted) response; throws a mapped error otherwise.</summary>
        public async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = request.Retry && _retry.MaxRetries > 0
                    ? await BuildRetryPipeline(request).ExecuteAsync(token => new ValueTask<HttpResponseMessage>(SendOnceAsync(request, token)), cancellationToken).ConfigureAwait(false)
                    : await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is TimeoutException || ex is IOException))
            {
                throw MapTransportFailure(request, ex);
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || (request.AcceptStatus?.Invoke(status) ?? false))
            {
                return response;
            }
            using (response)
            {
                var body = await ReadBodyForErrorAsync(response).ConfigureAwait(false);
                throw _errors.FromResponse(response.RequestMessage ?? new HttpRequestMessage(request.Method, Resolve(request.PathOrUrl)), status, response.ReasonPhrase, body);
            }
        }

        /// <summary>Sends and reads a JSON body into <typeparamref name="T"/>; an unreadable body is a typed InvalidResult error.</summary>
        public async Task<T> SendJsonAsync<T>(ApiRequest request, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return Json.Deserialize<T>(body, Service, request.Method + " " + Resolve(request.PathOrUrl).AbsolutePath);
            }
        }

        async Task<HttpResponseMessage> SendOnceAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var response = await SendSignedAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Item1.StatusCode == HttpStatusCode.Unauthorized && request.Authenticate)
            {
                // The login (cookie, token) expired or was revoked: log in again and replay the request once.
                response.Item1.Dispose();
                await Authenticator.RenewAsync(response.Item2, cancellationToken).ConfigureAwait(false);
                response = await SendSignedAsync(request, cancellationToken).ConfigureAwait(false);
            }
            return response.Item1;
        }

        async Task<Tuple<HttpResponseMessage, int>> SendSignedAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var message = new HttpRequestMessage(request.Method, Resolve(request.PathOrUrl));
            if (request.Content != null)
            {
                message.Content = request.Content();
            }
            request.Headers?.Invoke(message.Headers);
            var generation = request.Authenticate ? await Authenticator.ApplyAsync(message, cancellationToken).ConfigureAwait(false) : 0;

            var timeout = request.Timeout ?? _retry.RequestTimeout;
            var watch = Stopwatch.StartNew();
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(timeout);
                LogRequest(message);
                try
                {
                    var response = await _client.SendAsync(message, request.Completion, attempt.Token).ConfigureAwait(false);
                    OperationStreams.Current.Verbose($"{Service}: {message.Method} {Describe(message.RequestUri)} -> {(int)response.StatusCode} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms)");
                    return Tuple.Create(response, generation);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    OperationStreams.Current.Verbose($"{Service}: {message.Method} {Describe(message.RequestUri)} timed out after {watch.ElapsedMilliseconds} ms");
                    throw new TimeoutException($"{Service} did not answer {message.Method} {Describe(message.RequestUri)} within {timeout.TotalSeconds:0.#} s.");
                }
                catch (HttpRequestException ex)
                {
                    OperationStreams.Current.Verbose($"{Service}: {message.Method} {Describe(message.RequestUri)} failed after {watch.ElapsedMilliseconds} ms: {Redactor.Redact(ex.Message)}");
                    throw;
                }
            }
        }

        ResiliencePipeline<HttpResponseMessage> BuildRetryPipeline(ApiRequest request)
        {
            return new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = _retry.MaxRetries,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(request, args.Outcome)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay.For(args.AttemptNumber, _retry, args.Outcome.Result)),
                    OnRetry = args =>
                    {
                        var why = args.Outcome.Result != null ? ((int)args.Outcome.Result.StatusCode).ToString() : args.Outcome.Exception?.GetType().Name;
                        OperationStreams.Current.Verbose($"{Service}: retry {args.AttemptNumber + 1} of {_retry.MaxRetries} for {request.Method} {Describe(Resolve(request.PathOrUrl))} in {args.RetryDelay.TotalSeconds:0.##} s ({why})");
                        return default;
                    },
                })
                .Build();
        }

        static bool ShouldRetry(ApiRequest request, Outcome<HttpResponseMessage> outcome)
        {
            if (outcome.Result != null)
            {
                var status = (int)outcome.Result.StatusCode;
                if (request.AcceptStatus?.Invoke(status) ?? false)
                {
                    return false;
                }
                // The server refused these before doing anything, so even paid requests may be sent again.
                if (status == 408 || status == 429 || status == 503)
                {
                    return true;
                }
                return request.Idempotent && (status == 500 || status == 502 || status == 504);
            }
            var exception = outcome.Exception;
            if (exception is OperationCanceledException)
            {
                return false;
            }
            if (!request.Idempotent)
            {
                return IsConnectionRefused(exception);
            }
            return exception is HttpRequestException || exception is TimeoutException || exception is IOException;
        }

        static bool IsConnectionRefused(Exception exception)
        {
            for (var inner = exception; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket && (socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Turns a transport failure (after retries) into a typed error; non-idempotent requests become ambiguous.</summary>
        public AnimationToolsException MapTransportFailure(ApiRequest request, Exception exception)
        {
            var target = $"{request.Method} {Describe(Resolve(request.PathOrUrl))}";
            if (!request.Idempotent && !IsConnectionRefused(exception))
            {
                return new AmbiguousRequestException(Service + ".AmbiguousResult",
                    $"{Service} did not confirm {target}: the request may or may not have been carried out ({Redactor.Redact(exception.Message)}).", exception)
                {
                    IsTransportFailure = true,
                };
            }
            if (exception is TimeoutException)
            {
                return new AnimationToolsException(Service + ".Timeout", ErrorCategory.OperationTimeout, Redactor.Redact(exception.Message), exception)
                {
                    IsTransportFailure = true,
                };
            }
            return new AnimationToolsException(Service + ".ConnectionFailed", ErrorCategory.ConnectionError,
                $"Could not reach {Service} for {target}: {Redactor.Redact(exception.Message)}", exception)
            {
                RecommendedAction = "Check the endpoint and the network, then try again.",
                IsTransportFailure = true,
            };
        }

        void LogRequest(HttpRequestMessage message)
        {
            var streams = OperationStreams.Current;
            var text = new StringBuilder();
            text.Append(Service).Append(": ").Append(message.Method).Append(' ').Append(Describe(message.RequestUri));
            foreach (var header in message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<System.Collections.Generic.KeyValuePair<string, System.Collections.Generic.IEnumerable<string>>>()))
            {
                var value = Redactor.IsSensitiveHeader(header.Key) ? Redactor.Mask : Redact(string.Join(", ", header.Value));
                text.Append("\n  ").Append(header.Key).Append(": ").Append(value);
            }
            streams.Debug(text.ToString());
        }

        string Redact(string text) => Redactor.Redact(text, Authenticator.SecretsToRedact);

        public string Describe(Uri uri) => Redact(uri.GetLeftPart(UriPartial.Path) + uri.Query);

        static async Task<string> ReadBodyForErrorAsync(HttpResponseMessage response)
        {
            try
            {
                return response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return null;
            }
        }

        public void Dispose() => _client.Dispose();
    }
}
