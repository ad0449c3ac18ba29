using System;
using System.Globalization;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Jobs
{
    /// <summary>What one status means for the job that received it.</summary>
    public enum StatusMeaning
    {
        /// <summary>The work goes on (a known, non-final status, or none yet): keep polling.</summary>
        Running,

        /// <summary>The job has its outcome (it may still fetch results): stop polling.</summary>
        Finished,

        /// <summary>A status this module does not know: tolerated for the session's UnknownStatusTimeout, then a failure.</summary>
        Unknown,
    }

    /// <summary>Remote work a session follows, as the session sees it: events are routed to it by remote id.</summary>
    interface IRemoteJob
    {
        string RemoteId { get; }

        /// <summary>An event hints that the work changed: ask the service now. False when the job already knows its outcome.</summary>
        bool LookNow();
    }

    /// <summary>
    /// A job that follows one piece of remote work through its session's poller: owned by the session (which stops it
    /// when it ends), polled until a final status, failed when polling gives up or when the service keeps reporting a
    /// status nobody knows. Subclasses implement <see cref="IPolledJob{TStatus}"/> for their status type (often an
    /// internal wire model, hence no generic base) by one line each: <c>OnStatus(s) =&gt; Conclude(Apply(s), s?.Status)</c>
    /// (after checking <see cref="OutcomeKnown"/>) and <c>OnPollFailed =&gt; PollFailed</c>.
    /// </summary>
    public abstract class PolledJob : ServiceJob, IRemoteJob
    {
        readonly ServiceSession _owner;
        readonly IStatusPoller _poller;
        readonly object _unknownGate = new object();
        string _unknownValue;
        DateTime? _unknownSince;
        volatile bool _outcomeKnown;

        private protected PolledJob(ServiceSession session, IStatusPoller poller, string remoteId, string command, string name)
            : base(command, name, session.Endpoint.Host)
        {
            _owner = session;
            _poller = poller;
            FollowedId = remoteId;
            session.Own(this);
        }

        /// <summary>The key the session follows the work by (a DeepMotion rid, an avatar code ...).</summary>
        internal string FollowedId { get; }

        /// <summary>The id of the work on the service: a DeepMotion rid, an avatar code, a video id, a capture eid.</summary>
        public override string RemoteId => FollowedId;

        string IRemoteJob.RemoteId => FollowedId;

        /// <summary>Whether a final status arrived (the job may still be collecting results).</summary>
        protected bool OutcomeKnown => _outcomeKnown || IsFinished;

        /// <summary>Starts following the work; a job of a session that has already ended stops at once.</summary>
        internal void Follow()
        {
            if (IsFinished || OutcomeKnown)
            {
                return;
            }
            Start();
            if (_owner.IsClosed)
            {
                StopJob();
                return;
            }
            _poller.Track(this);
        }

        /// <summary>
        /// What the subclass made of a status, as the poller needs it: true when polling ends. An unknown status is
        /// tolerated (false) until the session's UnknownStatusTimeout, then the job fails (true).
        /// </summary>
        protected bool Conclude(StatusMeaning meaning, string statusValue)
        {
            switch (meaning)
            {
                case StatusMeaning.Finished:
                    _outcomeKnown = true;
                    KnownStatus();
                    return true;
                case StatusMeaning.Running:
                    KnownStatus();
                    return false;
                default:
                    return !TolerateUnknown(statusValue);
            }
        }

        protected void PollFailed(AnimationToolsException error, int consecutiveFailures, bool givingUp)
        {
            if (givingUp)
            {
                Fail(error.ToErrorRecord(), "Could not follow the job: " + error.Message);
            }
            else
            {
                Verbose.Add(new VerboseRecord($"Status poll failed ({consecutiveFailures}): {error.Message}"));
            }
        }

        /// <summary>
        /// The status value to give <see cref="Conclude"/> (with <see cref="StatusMeaning.Unknown"/>) when the service's answer
        /// does not list the work at all: tolerated for the session's UnknownStatusTimeout like an unknown status, then
        /// <c>Service.JobNotFound</c>.
        /// </summary>
        protected static readonly string NotListed = new string("(not listed)".ToCharArray());

        /// <summary>A known status arrived: an unknown one seen before was a passing state.</summary>
        protected void KnownStatus()
        {
            lock (_unknownGate)
            {
                _unknownValue = null;
                _unknownSince = null;
            }
        }

        /// <summary>
        /// A status this module does not know: true while it is tolerated (the service may have added a passing
        /// state); after the session's UnknownStatusTimeout without a known status, the job fails and this is false.
        /// </summary>
        protected bool TolerateUnknown(string value)
        {
            var bound = _owner.UnknownStatusTimeout;
            var now = DateTime.UtcNow;
            bool first;
            DateTime since;
            lock (_unknownGate)
            {
                first = _unknownSince == null || _unknownValue != value;
                if (_unknownSince == null)
                {
                    _unknownSince = now;
                }
                _unknownValue = value;
                since = _unknownSince.Value;
            }
            var shown = value == null ? "null" : "'" + value + "'";
            var unlisted = ReferenceEquals(value, NotListed);
            if (now - since >= bound)
            {
                var error = unlisted
                    ? new AnimationToolsException(_owner.Service + ".JobNotFound", ErrorCategory.ObjectNotFound,
                        $"{_owner.Service} has not listed {FollowedId} in its status answers for {Describe(now - since)}, longer than the {Describe(bound)} " +
                        "this session tolerates; the job stops following it.", null, FollowedId)
                    : new AnimationToolsException(_owner.Service + ".UnknownStatus", ErrorCategory.InvalidResult,
                        $"{_owner.Service} has reported the unknown status {shown} for {FollowedId} for {Describe(now - since)}, longer than the {Describe(bound)} " +
                        "this session tolerates; the job stops following it.", null, FollowedId);
                error.RecommendedAction = "Look at the work on the service; if the status is a real passing state, raise the session's UnknownStatusTimeout and follow it again.";
                Fail(error.ToErrorRecord(), unlisted ? "Failed: not listed by the service" : "Failed: unknown status " + shown);
                return false;
            }
            if (first)
            {
                Verbose.Add(new VerboseRecord(unlisted
                    ? $"{_owner.Service} does not list {FollowedId} yet; waiting up to {Describe(bound)} for it."
                    : $"{_owner.Service} reports the unknown status {shown} for {FollowedId}; waiting up to {Describe(bound)} for a known one."));
            }
            SetStatus(unlisted ? "Waiting for the service to list the job" : "Unknown status " + shown);
            return true;
        }

        /// <summary>An event hints that the work changed: one status request now, instead of waiting for the next poll.</summary>
        bool IRemoteJob.LookNow()
        {
            if (OutcomeKnown)
            {
                return false;
            }
            _poller.PollNow(this);
            return true;
        }

        protected override void OnStopped()
        {
            _poller.Untrack(this);
        }

        protected override void OnFinished()
        {
            _poller.Untrack(this);
            _owner.Release(this, FollowedId);
        }

        static string Describe(TimeSpan span) =>
            span.TotalSeconds < 120 ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";
    }
}
