using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Completion
{
    /// <summary>
    /// The lists Tab completion read from one session's service, each kept for a short time. The prompt waits for a
    /// list at most <see cref="WaitBound"/>: a slower answer goes on in the background (one request at a time per
    /// list, bounded by <see cref="FetchLimit"/>) and fills the cache for the next Tab, while this one offers what the
    /// cache still holds, or nothing.
    /// </summary>
    public sealed class CompletionCache
    {
        /// <summary>How long Tab waits for a list the cache does not hold fresh.</summary>
        public static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(1.5);

        /// <summary>How long a list is read in the background before it is given up.</summary>
        public static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(30);

        /// <summary>How long a list that could not be read is not asked for again (a failing service is not hammered on every Tab).</summary>
        public static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(5);

        static readonly ConditionalWeakTable<ServiceSession, CompletionCache> BySession = new ConditionalWeakTable<ServiceSession, CompletionCache>();
        static readonly IReadOnlyList<CompletionCandidate> Nothing = new CompletionCandidate[0];

        readonly object _gate = new object();
        readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        readonly Func<DateTime> _now;

        /// <summary>A cache on the system clock.</summary>
        public CompletionCache() : this(() => DateTime.UtcNow)
        {
        }

        /// <summary>A cache on another clock (tests).</summary>
        public CompletionCache(Func<DateTime> utcNow)
        {
            _now = utcNow;
        }

        /// <summary>The cache of a session; it lives as long as the session object.</summary>
        public static CompletionCache Of(ServiceSession session) => BySession.GetValue(session, _ => new CompletionCache());

        /// <summary>
        /// The list stored under <paramref name="key"/> while younger than <paramref name="freshness"/>; otherwise the
        /// answer of <paramref name="list"/> if it comes within the wait bound, else the previous list (or none).
        /// Never throws for a failed or slow list.
        /// </summary>
        public IReadOnlyList<CompletionCandidate> Get(string key, TimeSpan freshness, Func<CancellationToken, Task<IReadOnlyList<CompletionCandidate>>> list) =>
            Get(key, freshness, list, WaitBound);

        /// <summary><see cref="Get(string, TimeSpan, Func{CancellationToken, Task{IReadOnlyList{CompletionCandidate}}})"/> with another wait bound.</summary>
        public IReadOnlyList<CompletionCandidate> Get(string key, TimeSpan freshness, Func<CancellationToken, Task<IReadOnlyList<CompletionCandidate>>> list, TimeSpan waitBound)
        {
            Task<IReadOnlyList<CompletionCandidate>> pending;
            IReadOnlyList<CompletionCandidate> previous;
            Entry entry;
            lock (_gate)
            {
                if (!_entries.TryGetValue(key, out entry))
                {
                    _entries[key] = entry = new Entry();
                }
                if (entry.Pending != null && entry.Pending.IsCompleted)
                {
                    Settle(entry, entry.Pending);
                }
                var now = _now();
                if (entry.Values != null && now - entry.ListedAt < freshness)
                {
                    return entry.Values;
                }
                if (entry.Pending == null && entry.FailedAt.HasValue && now - entry.FailedAt.Value < FailurePause)
                {
                    return entry.Values ?? Nothing;
                }
                pending = entry.Pending ?? Start(entry, list);
                previous = entry.Values;
            }
            Task.WaitAny(new Task[] { pending }, waitBound);
            if (pending.IsCompleted)
            {
                lock (_gate)
                {
                    Settle(entry, pending);
                }
            }
            return pending.Status == TaskStatus.RanToCompletion ? pending.Result ?? Nothing : previous ?? Nothing;
        }

        /// <summary>Drops a list (after a change that makes it wrong), so the next Tab reads it again.</summary>
        public void Forget(string key)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var entry))
                {
                    entry.Values = null;
                    entry.FailedAt = null;
                    entry.Generation++;
                }
            }
        }

        // Called under _gate. entry.Pending is set before the continuation exists: one that runs at once (the list was
        // quick) settles it at once.
        Task<IReadOnlyList<CompletionCandidate>> Start(Entry entry, Func<CancellationToken, Task<IReadOnlyList<CompletionCandidate>>> list)
        {
            var limit = new CancellationTokenSource(FetchLimit);
            var task = Task.Run(() => list(limit.Token), limit.Token);
            entry.Pending = task;
            entry.PendingGeneration = entry.Generation;
            task.ContinueWith(done =>
            {
                lock (_gate)
                {
                    Settle(entry, done);
                }
                limit.Dispose();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }

        // Called under _gate, by whichever sees the list finish first: the continuation or a Tab that waited for it (the
        // continuation may run after the Tab has returned). A list read across a Forget is not stored: it may predate
        // the change.
        void Settle(Entry entry, Task<IReadOnlyList<CompletionCandidate>> done)
        {
            if (entry.Pending != done)
            {
                return;
            }
            if (entry.PendingGeneration == entry.Generation && done.Status == TaskStatus.RanToCompletion)
            {
                entry.Values = done.Result ?? Nothing;
                entry.ListedAt = _now();
                entry.FailedAt = null;
            }
            else if (entry.PendingGeneration == entry.Generation)
            {
                entry.FailedAt = _now();
            }
            entry.Pending = null;
        }

        sealed class Entry
        {
            public IReadOnlyList<CompletionCandidate> Values;
            public DateTime ListedAt;
            public DateTime? FailedAt;
            public Task<IReadOnlyList<CompletionCandidate>> Pending;
            public int Generation;
            public int PendingGeneration;
        }
    }
}
