using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// One paid, non-idempotent start (a request marked <see cref="RequestPolicyExtensions.NotIdempotent"/>) and how to
    /// recognise the work it creates when its answer gets lost.
    /// </summary>
    public sealed class PaidStart<T> where T : class
    {
        /// <summary>Service name as error ids spell it, e.g. <c>DeepMotion</c>.</summary>
        public string Service { get; set; }

        /// <summary>What the request creates, for messages: "the new job".</summary>
        public string What { get; set; }

        /// <summary>How often, and how long apart, the request may be sent.</summary>
        public RetrySettings Retry { get; set; }

        /// <summary>
        /// Which other calls of this process may create work that looks like ours in the service's list (usually the
        /// account's endpoint): those still waiting for their answers are awaited before a lookup decides, so that each
        /// first claims what it created.
        /// </summary>
        public string MatchKey { get; set; }

        /// <summary>Sends the request once.</summary>
        public Func<CancellationToken, Task<T>> Send { get; set; }

        /// <summary>The service's id of the created work (rid, code ...).</summary>
        public Func<T, string> IdOf { get; set; }

        /// <summary>
        /// The work created since the given time whose every echoed parameter matches this request. Only work that
        /// provably matches: the reconciliation claims one of these, or reports them all as candidates.
        /// </summary>
        public Func<DateTimeOffset, CancellationToken, Task<IReadOnlyList<T>>> FindMatches { get; set; }

        /// <summary>A command that shows the candidates, for the message of an ambiguous result.</summary>
        public string LookupHint { get; set; }
    }

    /// <summary>
    /// Starts paid work without ever sending it twice blindly, and without taking another caller's work: after an
    /// answer that got lost, the work is looked up; exactly one unclaimed match is claimed as ours, none means the
    /// request did nothing and may be sent again, several are reported as an ambiguous result naming them. None of our
    /// services accepts an idempotency key, hence the lookup.
    /// </summary>
    public static class ReconciledStart
    {
        /// <summary>How much earlier than our send time the service's clock may date the work it created.</summary>
        public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

        /// <summary>The longest wait for other calls of this process with the same match key to get their answers.</summary>
        public static TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(30);

        public static async Task<T> SendAsync<T>(PaidStart<T> start, CancellationToken cancellationToken) where T : class
        {
            var attempts = start.Retry.MaxRetries + 1;
            for (var attempt = 1; ; attempt++)
            {
                var sentAt = DateTimeOffset.UtcNow;
                var waiting = StartClaims.BeginSending(start.Service, start.MatchKey);
                try
                {
                    var created = await start.Send(cancellationToken).ConfigureAwait(false);
                    StartClaims.TryClaim(start.Service, start.IdOf(created));
                    return created;
                }
                catch (AmbiguousRequestException lost)
                {
                    waiting.Dispose();
                    OperationStreams.Current.Warning($"{start.Service} did not confirm {start.What} ({lost.Message}); looking it up before trying again.");
                    var found = await LookUpAsync(start, sentAt, lost, cancellationToken).ConfigureAwait(false);
                    if (found != null)
                    {
                        OperationStreams.Current.Verbose($"{start.Service}: {start.What} had been created ({start.IdOf(found)}); not sending the request again.");
                        return found;
                    }
                    if (attempt >= attempts)
                    {
                        throw;
                    }
                    await Task.Delay(RetryDelay.For(attempt - 1, start.Retry, null), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    waiting.Dispose();
                }
            }
        }

        /// <summary>Our work if it exists and is provably ours; null when nothing of ours was created.</summary>
        static async Task<T> LookUpAsync<T>(PaidStart<T> start, DateTimeOffset sentAt, AmbiguousRequestException lost, CancellationToken cancellationToken) where T : class
        {
            await StartClaims.WaitWhileSendingAsync(start.Service, start.MatchKey, SettleTimeout, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<T> matches;
            try
            {
                matches = await start.FindMatches(sentAt - ClockSkew, cancellationToken).ConfigureAwait(false);
            }
            catch (AnimationToolsException failed) when (!(failed is AmbiguousRequestException))
            {
                throw new AmbiguousRequestException(lost.ErrorId,
                    $"{lost.Message} Looking it up failed too ({failed.Message}), so it is not known whether {start.What} exists; check before starting it again{Hint(start)}.", failed);
            }

            var unclaimed = matches.Where(m => !StartClaims.IsClaimed(start.Service, start.IdOf(m))).ToList();
            if (unclaimed.Count == 1 && StartClaims.TryClaim(start.Service, start.IdOf(unclaimed[0])))
            {
                return unclaimed[0];
            }
            if (unclaimed.Count > 1)
            {
                var ids = unclaimed.Select(start.IdOf).ToList();
                throw new AmbiguousRequestException(lost.ErrorId,
                    $"{start.Service} did not confirm {start.What}, and {ids.Count} alike were created meanwhile by other callers: {string.Join(", ", ids)}. One of them may be yours; check before starting it again{Hint(start)}.", lost)
                {
                    Candidates = ids,
                };
            }
            return null;
        }

        static string Hint<T>(PaidStart<T> start) where T : class => string.IsNullOrEmpty(start.LookupHint) ? "" : " (" + start.LookupHint + ")";
    }

    /// <summary>
    /// What the paid starts of this process have claimed, and which are still waiting for their answers, per service.
    /// Ids are unique within a service, so one registry serves every session and runspace of the process.
    /// </summary>
    static class StartClaims
    {
        static readonly object Gate = new object();
        static readonly HashSet<string> Claimed = new HashSet<string>(StringComparer.Ordinal);
        static readonly Dictionary<string, int> Sending = new Dictionary<string, int>(StringComparer.Ordinal);

        public static bool TryClaim(string service, string id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return false;
            }
            lock (Gate)
            {
                return Claimed.Add(service + "\n" + id);
            }
        }

        public static bool IsClaimed(string service, string id)
        {
            lock (Gate)
            {
                return Claimed.Contains(service + "\n" + id);
            }
        }

        /// <summary>Counts a request as waiting for its answer until the result is disposed (once).</summary>
        public static IDisposable BeginSending(string service, string matchKey)
        {
            var key = service + "\n" + matchKey;
            lock (Gate)
            {
                Sending.TryGetValue(key, out var count);
                Sending[key] = count + 1;
            }
            return new SendingTicket(key);
        }

        /// <summary>Waits (bounded) until no other request with this key is waiting for its answer.</summary>
        public static async Task WaitWhileSendingAsync(string service, string matchKey, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var key = service + "\n" + matchKey;
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (Gate)
                {
                    if (!Sending.TryGetValue(key, out var count) || count == 0)
                    {
                        return;
                    }
                }
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }

        sealed class SendingTicket : IDisposable
        {
            readonly string _key;
            int _disposed;

            public SendingTicket(string key)
            {
                _key = key;
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) != 0)
                {
                    return;
                }
                lock (Gate)
                {
                    if (Sending.TryGetValue(_key, out var count) && count > 1)
                    {
                        Sending[_key] = count - 1;
                    }
                    else
                    {
                        Sending.Remove(_key);
                    }
                }
            }
        }
    }
}
