using System;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Starts paid, non-idempotent work (a request marked <see cref="RequestPolicyExtensions.NotIdempotent"/>) without ever sending
    /// it twice blindly: after an answer that got lost, the work is looked up first, and the request is sent again only
    /// when nothing it could have created is there. None of our services accepts an idempotency key, hence the lookup.
    /// </summary>
    public static class ReconciledStart
    {
        /// <summary>How much earlier than our send time the service's clock may date the work it created.</summary>
        public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

        /// <param name="service">Service name for messages.</param>
        /// <param name="what">What the request creates, e.g. "the new job".</param>
        /// <param name="send">Sends the request once.</param>
        /// <param name="retry">The session's retry settings: how often, and how long apart, the request may be sent.</param>
        /// <param name="findCreatedSince">Looks for work this call may have created since the given time; null when none.</param>
        /// <param name="cancellationToken">Cancels sending, looking up and waiting.</param>
        public static async Task<T> SendAsync<T>(string service, string what, RetrySettings retry,
            Func<CancellationToken, Task<T>> send, Func<DateTimeOffset, CancellationToken, Task<T>> findCreatedSince,
            CancellationToken cancellationToken) where T : class
        {
            var attempts = retry.MaxRetries + 1;
            for (var attempt = 1; ; attempt++)
            {
                var sentAt = DateTimeOffset.UtcNow;
                try
                {
                    return await send(cancellationToken).ConfigureAwait(false);
                }
                catch (AmbiguousRequestException ex)
                {
                    OperationStreams.Current.Warning($"{service} did not confirm {what} ({ex.Message}); looking it up before trying again.");
                    var found = await findCreatedSince(sentAt - ClockSkew, cancellationToken).ConfigureAwait(false);
                    if (found != null)
                    {
                        OperationStreams.Current.Verbose($"{service}: {what} had been created; not sending the request again.");
                        return found;
                    }
                    if (attempt >= attempts)
                    {
                        throw;
                    }
                    await Task.Delay(RetryDelay.For(attempt - 1, retry, null), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
