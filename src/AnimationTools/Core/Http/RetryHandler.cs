using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Resilience;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// The outermost handler. Asks the session's <see cref="ResponseClassifier"/> about every attempt: a retriable
    /// failure is sent again (<see cref="RetryLoop"/>, Polly inside AnimationTools.Resilience; back-off never shorter
    /// than Retry-After, at most <see cref="RetrySettings.MaxRetries"/> times); a final failure leaves the handlers as
    /// an <see cref="UnsuccessfulResponseException"/>.
    /// </summary>
    sealed class RetryHandler : DelegatingHandler
    {
        readonly HttpPipeline _pipeline;
        readonly RetryLoop _retry;

        public RetryHandler(HttpPipeline pipeline)
        {
            _pipeline = pipeline;
            // Users may change MaxRetries on a live session, so ShouldRetryAsync reads it at every attempt.
            _retry = new RetryLoop(
                ShouldRetryAsync,
                attempt => RetryDelay.For(attempt.AttemptNumber, _pipeline.Retry, attempt.Response),
                OnRetry);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var policy = RequestPolicy.Of(request);
            var response = policy.Retry && _pipeline.Retry.MaxRetries > 0
                ? await _retry.SendAsync(request, base.SendAsync, cancellationToken).ConfigureAwait(false)
                : await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            if (await _pipeline.Classifier.IsFailureAsync(response, policy, cancellationToken).ConfigureAwait(false))
            {
                throw new UnsuccessfulResponseException(response);
            }
            return response;
        }

        async ValueTask<bool> ShouldRetryAsync(RetryAttempt attempt)
        {
            if (attempt.AttemptNumber >= _pipeline.Retry.MaxRetries)
            {
                return false;
            }
            var policy = RequestPolicy.Of(attempt.Request);
            var classifier = _pipeline.Classifier;
            if (attempt.Exception != null)
            {
                return classifier.IsRetriable(attempt.Exception, policy);
            }
            var response = attempt.Response;
            var token = attempt.CancellationToken;
            if (!await classifier.IsFailureAsync(response, policy, token).ConfigureAwait(false)
                || !await classifier.IsRetriableAsync(response, policy, token).ConfigureAwait(false))
            {
                return false;
            }
            // A server that asks for a longer wait than the session allows is not waited for: the caller learns at once.
            var retryAfter = RetryDelay.RetryAfter(response);
            if (retryAfter > _pipeline.Retry.MaxRetryAfter)
            {
                RetryAfterRefused.Mark(response, retryAfter.Value);
                return false;
            }
            return true;
        }

        void OnRetry(RetryAttempt attempt)
        {
            var request = attempt.Request;
            var why = attempt.Response != null ? ((int)attempt.Response.StatusCode).ToString() : attempt.Exception?.GetType().Name;
            OperationStreams.Current.Verbose($"{_pipeline.Service}: retry {attempt.AttemptNumber + 1} of {_pipeline.Retry.MaxRetries} for {request?.Method} {_pipeline.Describe(request?.RequestUri)} in {attempt.Delay.TotalSeconds:0.##} s ({why})");
        }
    }

    /// <summary>Marks a final answer that was not retried because its Retry-After exceeded the session's cap.</summary>
    static class RetryAfterRefused
    {
        const string Key = "AnimationTools.RetryAfterRefused";

        public static void Mark(HttpResponseMessage response, TimeSpan wait)
        {
            if (response.RequestMessage != null)
            {
                response.RequestMessage.Properties[Key] = wait;
            }
        }

        public static TimeSpan? Of(HttpResponseMessage response) =>
            response?.RequestMessage != null && response.RequestMessage.Properties.TryGetValue(Key, out var value) && value is TimeSpan wait ? wait : (TimeSpan?)null;
    }
}
