using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace AnimationTools.Resilience
{
    /// <summary>What the retry loop tells its callbacks about one finished attempt.</summary>
    public sealed class RetryAttempt
    {
        internal RetryAttempt(HttpRequestMessage request, int attemptNumber, HttpResponseMessage response, Exception exception, TimeSpan delay, CancellationToken cancellationToken)
        {
            Request = request;
            AttemptNumber = attemptNumber;
            Response = response;
            Exception = exception;
            Delay = delay;
            CancellationToken = cancellationToken;
        }

        /// <summary>The request being sent.</summary>
        public HttpRequestMessage Request { get; }

        /// <summary>0 for the first attempt.</summary>
        public int AttemptNumber { get; }

        /// <summary>The attempt's answer, or null when it failed with <see cref="Exception"/>.</summary>
        public HttpResponseMessage Response { get; }

        /// <summary>Why the attempt failed without an answer.</summary>
        public Exception Exception { get; }

        /// <summary>The wait before the next attempt (only given to the retry notification).</summary>
        public TimeSpan Delay { get; }

        /// <summary>The caller's cancellation.</summary>
        public CancellationToken CancellationToken { get; }
    }

    /// <summary>
    /// Sends a request until <c>shouldRetry</c> says no, waiting <c>delay</c> between attempts (Polly's retry
    /// strategy). The number of attempts is the callbacks' to decide, so a caller may change its limit at any time.
    /// </summary>
    public sealed class RetryLoop
    {
        static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new ResiliencePropertyKey<HttpRequestMessage>("AnimationTools.Request");

        readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        /// <summary>Builds the loop from its three decisions.</summary>
        public RetryLoop(Func<RetryAttempt, ValueTask<bool>> shouldRetry, Func<RetryAttempt, TimeSpan> delay, Action<RetryAttempt> onRetry)
        {
            _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = args => shouldRetry(Attempt(args.Context, args.AttemptNumber, args.Outcome, TimeSpan.Zero)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(delay(Attempt(args.Context, args.AttemptNumber, args.Outcome, TimeSpan.Zero))),
                    OnRetry = args =>
                    {
                        onRetry(Attempt(args.Context, args.AttemptNumber, args.Outcome, args.RetryDelay));
                        return default;
                    },
                })
                .Build();
        }

        /// <summary>Sends <paramref name="request"/> through <paramref name="send"/>, again while the loop says so.</summary>
        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            try
            {
                return await _pipeline.ExecuteAsync(
                    (attempt, message) => new ValueTask<HttpResponseMessage>(send(message, attempt.CancellationToken)), context, request).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        static RetryAttempt Attempt(ResilienceContext context, int attemptNumber, Outcome<HttpResponseMessage> outcome, TimeSpan delay) =>
            new RetryAttempt(context.Properties.GetValue(RequestKey, null), attemptNumber, outcome.Result, outcome.Exception, delay, context.CancellationToken);
    }
}
