using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Decides, for every attempt of a request, whether its answer is a failure and whether a failure may be tried
    /// again (after Azure.Core's ResponseClassifier). A service whose failures arrive differently (Danim answers
    /// <c>200 {"success": false}</c>) derives from it and passes its classifier to its <see cref="HttpPipeline"/>.
    /// </summary>
    public class ResponseClassifier
    {
        /// <summary>The classifier of services whose failures are HTTP statuses.</summary>
        public static readonly ResponseClassifier Default = new ResponseClassifier();

        /// <summary>
        /// Whether the answer is a failure: by default a 4xx or 5xx status the request does not accept. Runs inside the
        /// attempt, after the body was buffered (unless the caller streams it), so an override may read the body.
        /// </summary>
        public virtual Task<bool> IsFailureAsync(HttpResponseMessage response, RequestPolicy request, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            return Task.FromResult(status >= 400 && !request.Accepts(status));
        }

        /// <summary>
        /// Whether a failed answer may be sent again. 408 and 429 say the server did nothing, so even paid requests go
        /// again; a 5xx leaves the outcome open (a proxy's 502, 503 or 504 may come after the service acted), so only
        /// idempotent requests do, and a paid one is looked up first (<see cref="IsAmbiguous"/>).
        /// </summary>
        public virtual Task<bool> IsRetriableAsync(HttpResponseMessage response, RequestPolicy request, CancellationToken cancellationToken)
        {
            switch ((int)response.StatusCode)
            {
                case 408: case 429: return Task.FromResult(true);
                case 500: case 502: case 503: case 504: return Task.FromResult(request.Idempotent);
                default: return Task.FromResult(false);
            }
        }

        /// <summary>
        /// Whether a failed answer to a request that is not idempotent leaves open whether the service acted: then
        /// the failure is an <see cref="AmbiguousRequestException"/>, which a paid start reconciles before sending again.
        /// </summary>
        public virtual bool IsAmbiguous(int status, RequestPolicy request) =>
            !request.Idempotent && (status == 500 || status == 502 || status == 503 || status == 504);

        /// <summary>
        /// Whether a request that got no answer may be sent again: idempotent ones after any network failure or
        /// timeout, paid ones only when the connection was never made (the ambiguity rule).
        /// </summary>
        public virtual bool IsRetriable(Exception exception, RequestPolicy request)
        {
            if (exception is OperationCanceledException || exception is AnimationToolsException)
            {
                return false;
            }
            if (!request.Idempotent)
            {
                return NeverReachedServer(exception);
            }
            return exception is HttpRequestException || exception is TimeoutException || exception is IOException;
        }

        /// <summary>True when the connection was refused or the host not found: the request certainly did nothing.</summary>
        public static bool NeverReachedServer(Exception exception)
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
    }
}
