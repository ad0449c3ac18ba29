using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Jobs
{
    /// <summary>A job the poller follows: it receives each status fetched for its remote id.</summary>
    public interface IPolledJob<in TStatus>
    {
        string RemoteId { get; }

        /// <summary>Takes the newest status (null while the service does not list the id yet); true when no more polling is needed.</summary>
        bool OnStatus(TStatus status);

        /// <summary>Polling failed <paramref name="consecutiveFailures"/> times in a row; when <paramref name="givingUp"/> the job must fail.</summary>
        void OnPollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp);
    }

    /// <summary>
    /// A poller as its session and the job base see it, whatever the status type: switched to event mode by a
    /// listener, disposed with the session; jobs are its IPolledJob of the poller's status type.
    /// </summary>
    interface IStatusPoller : IDisposable
    {
        /// <summary>While set, jobs are polled only this long after they were last heard of; null is normal polling.</summary>
        TimeSpan? EventFallbackInterval { get; set; }

        void Track(object job);

        void Untrack(object job);

        void PollNow(object job);
    }

    /// <summary>
    /// Follows every job of one session with batched status requests (one request for up to <c>BatchSize</c> due ids)
    /// on an adaptive interval. One loop per session, asleep while nothing is tracked. While a webhook listener runs,
    /// <see cref="EventFallbackInterval"/> makes polling a slow safety net, and an event makes its job poll at once
    /// (<see cref="PollNow"/>): the outcome always comes from a status answer, never from the event.
    /// </summary>
    public sealed class StatusPoller<TStatus> : IStatusPoller where TStatus : class
    {
        public delegate Task<IReadOnlyDictionary<string, TStatus>> FetchStatuses(IReadOnlyList<string> remoteIds, CancellationToken cancellationToken);

        const int FailuresBeforeGivingUp = 6;

        readonly FetchStatuses _fetch;
        readonly Func<TStatus, string> _fingerprint;
        readonly ConcurrentDictionary<string, Tracked> _jobs = new ConcurrentDictionary<string, Tracked>();
        readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        readonly CancellationTokenSource _disposed = new CancellationTokenSource();
        readonly object _gate = new object();
        TimeSpan? _eventFallback;
        Task _loop;

        public StatusPoller(FetchStatuses fetch, Func<TStatus, string> fingerprint, TimeSpan baseInterval)
        {
            _fetch = fetch;
            _fingerprint = fingerprint;
            Schedule = new PollingSchedule(baseInterval);
        }

        public PollingSchedule Schedule { get; }

        public int BatchSize { get; set; } = 50;

        /// <summary>
        /// Set while another source (a webhook listener) reports completions: jobs are then polled only this long after
        /// they were last heard of. Null restores normal polling at once.
        /// </summary>
        public TimeSpan? EventFallbackInterval
        {
            get => _eventFallback;
            set
            {
                _eventFallback = value;
                var due = DateTime.UtcNow + (value ?? TimeSpan.Zero);
                foreach (var tracked in _jobs.Values)
                {
                    tracked.DueAt = due;
                }
                _wake.Release();
            }
        }

        public void Track(IPolledJob<TStatus> job)
        {
            // A first poll one interval later lets jobs started together share their status requests.
            _jobs[job.RemoteId] = new Tracked(job, DateTime.UtcNow + (_eventFallback ?? Schedule.BaseInterval));
            lock (_gate)
            {
                if (_loop == null || _loop.IsCompleted)
                {
                    _loop = Task.Run(() => RunAsync(_disposed.Token));
                }
            }
            Schedule.Reset();
            _wake.Release();
        }

        void IStatusPoller.Track(object job) => Track((IPolledJob<TStatus>)job);

        void IStatusPoller.Untrack(object job) => Untrack((IPolledJob<TStatus>)job);

        void IStatusPoller.PollNow(object job) => PollNow((IPolledJob<TStatus>)job);

        public void Untrack(IPolledJob<TStatus> job)
        {
            if (_jobs.TryGetValue(job.RemoteId, out var tracked) && ReferenceEquals(tracked.Job, job))
            {
                _jobs.TryRemove(job.RemoteId, out _);
            }
        }

        /// <summary>
        /// An event hints that the job changed: poll it at once, and from then on at the normal pace even while events
        /// are expected (the service may not show yet what the event announced).
        /// </summary>
        public void PollNow(IPolledJob<TStatus> job)
        {
            if (_jobs.TryGetValue(job.RemoteId, out var tracked) && ReferenceEquals(tracked.Job, job))
            {
                tracked.Hinted = true;
                tracked.DueAt = DateTime.UtcNow;
                _wake.Release();
            }
        }

        /// <summary>Remote ids of the jobs followed now.</summary>
        public IReadOnlyCollection<string> TrackedIds => _jobs.Keys.ToList();

        /// <summary>The job followed for a remote id, if any (events are routed to it).</summary>
        public IPolledJob<TStatus> Find(string remoteId) => remoteId != null && _jobs.TryGetValue(remoteId, out var tracked) ? tracked.Job : null;

        async Task RunAsync(CancellationToken cancellationToken)
        {
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (_jobs.IsEmpty)
                    {
                        await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    var now = DateTime.UtcNow;
                    var due = _jobs.Values.Where(t => t.DueAt <= now).ToList();
                    if (due.Count > 0 && _eventFallback == null)
                    {
                        // One request serves every job, so poll them all whenever one is due.
                        due = _jobs.Values.ToList();
                    }
                    if (due.Count > 0)
                    {
                        var changed = await PollAsync(due, failures, cancellationToken).ConfigureAwait(false);
                        failures = changed.HasValue ? 0 : failures + 1;
                        if (failures >= FailuresBeforeGivingUp)
                        {
                            failures = 0;
                        }
                        var fallback = _eventFallback;
                        var normal = fallback == null || due.Any(t => t.Hinted) ? Schedule.Next(changed ?? false) : TimeSpan.Zero;
                        var polledAt = DateTime.UtcNow;
                        foreach (var tracked in due)
                        {
                            tracked.DueAt = polledAt + (fallback.HasValue && !tracked.Hinted ? fallback.Value : normal);
                        }
                    }
                    var wait = _jobs.IsEmpty ? Timeout.InfiniteTimeSpan : _jobs.Values.Min(t => t.DueAt) - DateTime.UtcNow;
                    if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
                    {
                        await _wake.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        /// <summary>Polls the due jobs; returns whether any changed, or null when the poll failed.</summary>
        async Task<bool?> PollAsync(List<Tracked> due, int failuresSoFar, CancellationToken cancellationToken)
        {
            Dictionary<string, TStatus> statuses;
            try
            {
                statuses = await FetchAllAsync(due.Select(t => t.Job.RemoteId).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception unexpected)
            {
                var error = unexpected as AnimationToolsException ?? new AnimationToolsException("AnimationTools.PollFailed",
                    ErrorCategory.NotSpecified, "Polling job status failed: " + unexpected.Message, unexpected);
                var failures = failuresSoFar + 1;
                var givingUp = failures >= FailuresBeforeGivingUp || error.Category == ErrorCategory.AuthenticationError;
                foreach (var tracked in due)
                {
                    tracked.Job.OnPollFailed(error, failures, givingUp);
                    if (givingUp)
                    {
                        Untrack(tracked.Job);
                    }
                }
                return null;
            }

            var changed = false;
            foreach (var tracked in due)
            {
                statuses.TryGetValue(tracked.Job.RemoteId, out var status);
                var fingerprint = status == null ? "" : _fingerprint(status);
                if (tracked.Fingerprint != fingerprint)
                {
                    changed = true;
                    tracked.Fingerprint = fingerprint;
                }
                if (Deliver(tracked.Job, status))
                {
                    Untrack(tracked.Job);
                }
            }
            return changed;
        }

        static bool Deliver(IPolledJob<TStatus> job, TStatus status)
        {
            try
            {
                return job.OnStatus(status);
            }
            catch (Exception ex)
            {
                job.OnPollFailed(new AnimationToolsException("AnimationTools.JobUpdateFailed", ErrorCategory.NotSpecified,
                    "Could not apply the job's new status: " + ex.Message, ex), FailuresBeforeGivingUp, true);
                return true;
            }
        }

        async Task<Dictionary<string, TStatus>> FetchAllAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var all = new Dictionary<string, TStatus>();
            for (var start = 0; start < ids.Count; start += BatchSize)
            {
                var batch = ids.Skip(start).Take(BatchSize).ToList();
                var statuses = await _fetch(batch, cancellationToken).ConfigureAwait(false);
                foreach (var pair in statuses)
                {
                    all[pair.Key] = pair.Value;
                }
            }
            return all;
        }

        public void Dispose()
        {
            _disposed.Cancel();
        }

        sealed class Tracked
        {
            public Tracked(IPolledJob<TStatus> job, DateTime dueAt)
            {
                Job = job;
                DueAt = dueAt;
            }

            public IPolledJob<TStatus> Job { get; }

            public DateTime DueAt { get; set; }

            public string Fingerprint { get; set; }

            /// <summary>An event asked for a look: polled at the normal pace from then on.</summary>
            public bool Hinted { get; set; }
        }
    }
}
