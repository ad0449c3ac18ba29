using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using Flurl.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Flurl's OnError event, the last step of every call: turns what went wrong into the typed errors users see.
    /// A failed answer goes through the service's <see cref="ServiceErrorMapper"/> (<c>Service.Http.Status</c>); a
    /// request that got no answer becomes <c>Service.Timeout</c> or <c>Service.ConnectionFailed</c>, or, when it was
    /// not idempotent and may have been carried out, <c>Service.AmbiguousResult</c>; an unreadable body becomes
    /// <c>Service.InvalidResponse</c>. Typed errors and cancellations pass through as they are, not wrapped by Flurl.
    /// </summary>
    sealed class FailureMapping : FlurlEventHandler
    {
        readonly HttpPipeline _pipeline;

        public FailureMapping(HttpPipeline pipeline)
        {
            _pipeline = pipeline;
        }

        public override async Task HandleAsync(FlurlEventType eventType, FlurlCall call)
        {
            var exception = call.Exception;
            switch (exception)
            {
                case AnimationToolsException _:
                case OperationCanceledException _:
                    ExceptionDispatchInfo.Capture(exception).Throw();
                    break;
                case UnsuccessfulResponseException failed:
                    throw await FromResponseAsync(failed.Response, call.HttpRequestMessage).ConfigureAwait(false);
                case FlurlParsingException parsing:
                    throw new AnimationToolsException(_pipeline.Service + ".InvalidResponse", ErrorCategory.InvalidResult,
                        $"{_pipeline.Service} sent an unreadable answer to {call.HttpRequestMessage.Method} {Redactor.Redact(call.HttpRequestMessage.RequestUri.AbsolutePath)}: {parsing.InnerException?.Message}", parsing);
            }
            if (IsDisposed(exception))
            {
                throw new AnimationToolsException(_pipeline.Service + ".SessionClosed", ErrorCategory.InvalidOperation,
                    $"This {_pipeline.Service} session was disconnected; connect again (or pass another -Session).", exception);
            }
            var transport = TransportFailure(exception);
            if (transport != null)
            {
                throw FromTransportFailure(call.HttpRequestMessage, transport);
            }
        }

        async Task<AnimationToolsException> FromResponseAsync(HttpResponseMessage response, HttpRequestMessage request)
        {
            using (response)
            {
                string body = null;
                try
                {
                    body = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
                {
                }
                var status = (int)response.StatusCode;
                var mapped = _pipeline.Errors.FromResponse(response.RequestMessage ?? request, status, response.ReasonPhrase, body);
                if (!_pipeline.Classifier.IsAmbiguous(status, RequestPolicy.Of(request)))
                {
                    var refused = RetryAfterRefused.Of(response);
                    return refused.HasValue ? WithRetryAfter(mapped, refused.Value) : mapped;
                }
                return new AmbiguousRequestException(_pipeline.Service + ".AmbiguousResult",
                    $"{_pipeline.Service} answered {status} to {request.Method} {_pipeline.Describe(request.RequestUri)}: the request may or may not have been carried out ({mapped.Message}).", mapped)
                {
                    StatusCode = status,
                };
            }
        }

        /// <summary>The same error, saying how long the server asked to wait and that the session's cap did not allow it.</summary>
        AnimationToolsException WithRetryAfter(AnimationToolsException error, TimeSpan wait)
        {
            var until = DateTime.Now + wait;
            return new AnimationToolsException(error.ErrorId, error.Category,
                $"{error.Message} The service asked to wait {Describe(wait)} before trying again (Retry-After), longer than the session's Retry.MaxRetryAfter of {Describe(_pipeline.Retry.MaxRetryAfter)}, so the request was not retried.",
                error.InnerException, error.Target)
            {
                StatusCode = error.StatusCode,
                IsTransportFailure = error.IsTransportFailure,
                RetryAfter = wait,
                RecommendedAction = $"Try again after {until:g}, or raise (Get-AnimationSession).Retry.MaxRetryAfter to let the command wait.",
            };
        }

        static string Describe(TimeSpan wait)
        {
            var seconds = $"{wait.TotalSeconds:0.#} s";
            return wait >= TimeSpan.FromHours(1) ? $"{seconds} ({wait.TotalHours:0.#} h)" : wait >= TimeSpan.FromMinutes(2) ? $"{seconds} ({wait.TotalMinutes:0.#} min)" : seconds;
        }

        AnimationToolsException FromTransportFailure(HttpRequestMessage request, Exception exception)
        {
            var service = _pipeline.Service;
            var target = $"{request.Method} {_pipeline.Describe(request.RequestUri)}";
            var message = _pipeline.Redact(exception.Message);
            if (!RequestPolicy.Of(request).Idempotent && !ResponseClassifier.NeverReachedServer(exception))
            {
                return new AmbiguousRequestException(service + ".AmbiguousResult",
                    $"{service} did not confirm {target}: the request may or may not have been carried out ({message}).", exception)
                {
                    IsTransportFailure = true,
                };
            }
            if (exception is TimeoutException)
            {
                return new AnimationToolsException(service + ".Timeout", ErrorCategory.OperationTimeout, message, exception)
                {
                    IsTransportFailure = true,
                };
            }
            return new AnimationToolsException(service + ".ConnectionFailed", ErrorCategory.ConnectionError,
                $"Could not reach {service} for {target}: {message}", exception)
            {
                RecommendedAction = "Check the endpoint and the network, then try again.",
                IsTransportFailure = true,
            };
        }

        static bool IsDisposed(Exception exception)
        {
            for (var inner = exception; inner != null; inner = inner.InnerException)
            {
                if (inner is ObjectDisposedException)
                {
                    return true;
                }
            }
            return false;
        }

        static Exception TransportFailure(Exception exception)
        {
            for (var inner = exception; inner != null; inner = inner.InnerException)
            {
                if (inner is HttpRequestException || inner is TimeoutException || inner is IOException)
                {
                    return inner;
                }
            }
            return null;
        }
    }
}
