using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Gives each attempt its own time limit (the request's, else <see cref="RetrySettings.RequestTimeout"/>), linked to
    /// the caller's cancellation. An attempt lasts until the whole body is buffered, unless the caller streams it, so a
    /// stalled body is a timeout the retry handler can act on. A timeout becomes a <see cref="TimeoutException"/>; a
    /// cancellation by the user stays a cancellation.
    /// </summary>
    sealed class AttemptTimeoutHandler : DelegatingHandler
    {
        readonly HttpPipeline _pipeline;

        public AttemptTimeoutHandler(HttpPipeline pipeline)
        {
            _pipeline = pipeline;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var policy = RequestPolicy.Of(request);
            var timeout = policy.AttemptTimeout ?? _pipeline.Retry.RequestTimeout;
            var watch = Stopwatch.StartNew();
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(timeout);
                HttpResponseMessage response = null;
                try
                {
                    response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
                    if (!policy.StreamsResponse && response.Content != null)
                    {
                        // netstandard2.0 has no LoadIntoBufferAsync(CancellationToken): disposing the response stops a stalled body.
                        using (attempt.Token.Register(response.Dispose))
                        {
                            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                        }
                    }
                    attempt.Token.ThrowIfCancellationRequested();
                    return response;
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (Exception ex) when (attempt.IsCancellationRequested)
                {
                    response?.Dispose();
                    var target = $"{request.Method} {_pipeline.Describe(request.RequestUri)}";
                    OperationStreams.Current.Verbose($"{_pipeline.Service}: {target} timed out after {watch.ElapsedMilliseconds} ms");
                    throw new TimeoutException($"{_pipeline.Service} did not answer {target} within {timeout.TotalSeconds:0.#} s.", ex);
                }
            }
        }
    }
}
