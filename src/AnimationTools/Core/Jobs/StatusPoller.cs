using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
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
    /// Follows every job of one session with batched status requests (one request for up to <c>BatchSize</c> ids) on
    /// an adaptive interval. One loop per session, asleep while nothing is tracked.
    /// </summary>
    public sealed class StatusPoller<TStatus> : IDisposable where TStatus : class
    {
        public delegate Task<IReadOnlyDictionary<string, TStatus>> FetchStatuses(IReadOnlyList<string> remoteIds, CancellationToken cancellationToken);

        const int FailuresBeforeGivingUp = 6;

        readonly FetchStatuses _fetch;
        readonly Func<TStatus, string> _fingerprint;
        readonly ConcurrentDictionary<string, IPolledJob<TStatus>> _jobs = new ConcurrentDictionary<string, IPolledJob<TStatus>>();
        readonly ConcurrentDictionary<string, string> _lastFingerprint = new ConcurrentDictionary<string, string>();
        readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        readonly CancellationTokenSource _disposed = new CancellationTokenSource();
        readonly object _gate = new object();
        Task _loop;

        public StatusPoller(FetchStatuses fetch, Func<TStatus, string> fingerprint, TimeSpan baseInterval)
        {
            _fetch = fetch;
            _fingerprint = fingerprint;
            Schedule = new PollingSchedule(baseInterval);
        }

        public PollingSchedule Schedule { get; }

        public int BatchSize { get; set; } = 50;

        /// <summary>Number of status requests sent so far (for diagnostics and benchmarks).</summary>
        public int PollCount { get; private set; }

        public IReadOnlyCollection<string> TrackedIds => _jobs.Keys.ToList();

        public void Track(IPolledJob<TStatus> job)
        {
            _jobs[job.RemoteId] = job;
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

        public void Untrack(IPolledJob<TStatus> job)
        {
            if (_jobs.TryGetValue(job.RemoteId, out var tracked) && ReferenceEquals(tracked, job))
            {
                _jobs.TryRemove(job.RemoteId, out _);
            }
        }

        async Task RunAsync(CancellationToken cancellationToken)
        {
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_jobs.IsEmpty)
                {
                    await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var changed = false;
                var snapshot = _jobs.ToArray();
                try
                {
                    var statuses = await FetchAllAsync(snapshot.Select(p => p.Key).ToList(), cancellationToken).ConfigureAwait(false);
                    failures = 0;
                    foreach (var pair in snapshot)
                    {
                        statuses.TryGetValue(pair.Key, out var status);
                        var fingerprint = status == null ? "" : _fingerprint(status);
                        if (!_lastFingerprint.TryGetValue(pair.Key, out var last) || last != fingerprint)
                        {
                            changed = true;
                            _lastFingerprint[pair.Key] = fingerprint;
                        }
                        if (Deliver(pair.Value, status))
                        {
                            Untrack(pair.Value);
                            _lastFingerprint.TryRemove(pair.Key, out _);
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception unexpected)
                {
                    var ex = unexpected as AnimationToolsException ?? new AnimationToolsException("AnimationTools.PollFailed",
                        System.Management.Automation.ErrorCategory.NotSpecified, "Polling job status failed: " + unexpected.Message, unexpected);
                    failures++;
                    var givingUp = failures >= FailuresBeforeGivingUp || ex.Category == System.Management.Automation.ErrorCategory.AuthenticationError;
                    foreach (var pair in snapshot)
                    {
                        pair.Value.OnPollFailed(ex, failures, givingUp);
                        if (givingUp)
                        {
                            Untrack(pair.Value);
                        }
                    }
                    if (givingUp)
                    {
                        failures = 0;
                    }
                }

                var delay = Schedule.Next(changed);
                try
                {
                    await _wake.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
                    while (_wake.CurrentCount > 0)
                    {
                        _wake.Wait(0);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        static bool Deliver(IPolledJob<TStatus> job, TStatus status)
        {
            try
            {
                return job.OnStatus(status);
            }
            catch (Exception ex)
            {
                job.OnPollFailed(new AnimationToolsException("AnimationTools.JobUpdateFailed", System.Management.Automation.ErrorCategory.NotSpecified,
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
                PollCount++;
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
    }
}
