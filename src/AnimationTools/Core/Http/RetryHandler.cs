using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using Polly;
using Polly.Retry;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// The outermost handler. Asks the session's <see cref="ResponseClassifier"/> about every attempt: a retriable
    /// failure is sent again (Polly, back-off never shorter than Retry-After, at most <see cref="RetrySettings.MaxRetries"/>
    /// times); a final failure leaves the handlers as an <see cref="UnsuccessfulResponseException"/>.
    /// </summary>
    sealed class RetryHandler : DelegatingHandler
    {
        static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new ResiliencePropertyKey<HttpRequestMessage>("AnimationTools.Request");

        readonly HttpPipeline _pipeline;
        readonly ResiliencePipeline<HttpResponseMessage> _retry;

        public RetryHandler(HttpPipeline pipeline)
        {
            _pipeline = pipeline;
            _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    // Users may change MaxRetries on a live session, so ShouldRetryAsync reads it at every attempt.
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = ShouldRetryAsync,
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay.For(args.AttemptNumber, _pipeline.Retry, args.Outcome.Result)),
                    OnRetry = OnRetry,
                })
                .Build();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var policy = RequestPolicy.Of(request);
            HttpResponseMessage response;
            if (policy.Retry && _pipeline.Retry.MaxRetries > 0)
            {
                var context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(RequestKey, request);
                try
                {
                    response = await _retry.ExecuteAsync(
                        (attempt, message) => new ValueTask<HttpResponseMessage>(base.SendAsync(message, attempt.CancellationToken)), context, request).ConfigureAwait(false);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }
            }
            else
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (await _pipeline.Classifier.IsFailureAsync(response, policy, cancellationToken).ConfigureAwait(false))
            {
                throw new UnsuccessfulResponseException(response);
            }
            return response;
        }

        async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
        {
            if (args.AttemptNumber >= _pipeline.Retry.MaxRetries)
            {
                return false;
            }
            var policy = RequestPolicy.Of(args.Context.Properties.GetValue(RequestKey, null));
            var classifier = _pipeline.Classifier;
            if (args.Outcome.Exception != null)
            {
                return classifier.IsRetriable(args.Outcome.Exception, policy);
            }
            var response = args.Outcome.Result;
            var token = args.Context.CancellationToken;
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

        ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args)
        {
            var request = args.Context.Properties.GetValue(RequestKey, null);
            var why = args.Outcome.Result != null ? ((int)args.Outcome.Result.StatusCode).ToString() : args.Outcome.Exception?.GetType().Name;
            OperationStreams.Current.Verbose($"{_pipeline.Service}: retry {args.AttemptNumber + 1} of {_pipeline.Retry.MaxRetries} for {request?.Method} {_pipeline.Describe(request?.RequestUri)} in {args.RetryDelay.TotalSeconds:0.##} s ({why})");
            return default;
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
