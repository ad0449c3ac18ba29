using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.Core.Jobs
{
    /// <summary>
    /// A real PowerShell job for remote work: added to the JobRepository, so Get-Job, Wait-Job, Receive-Job, Stop-Job
    /// and Remove-Job work on it. Subclasses report progress and finish it with output or an error.
    /// </summary>
    public abstract class ServiceJob : Job
    {
        readonly object _gate = new object();
        readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        readonly string _location;
        string _statusMessage = "Starting";

        protected ServiceJob(string command, string name, string location)
            : base(command, name)
        {
            PSJobTypeName = "AnimationToolsJob";
            _location = location;
        }

        public override string StatusMessage => _statusMessage;

        public override bool HasMoreData =>
            Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0 || Debug.Count > 0 || Progress.Count > 0;

        public override string Location => _location;

        /// <summary>
        /// What the job follows, as the service's cmdlets take it (a DeepMotion rid, an avatar or export code, a video
        /// id, a capture eid), or the prefix a webhook listener listens on: the job table shows it.
        /// </summary>
        public virtual string RemoteId => null;

        /// <summary>Cancelled by Stop-Job (and when the job finishes otherwise).</summary>
        protected CancellationToken Stopping => _stopping.Token;

        /// <summary>Where work done for this job writes its messages: the job's own streams.</summary>
        public IOperationStreams Streams => new JobStreams(this);

        protected bool IsFinished
        {
            get
            {
                var state = JobStateInfo.State;
                return state == JobState.Completed || state == JobState.Failed || state == JobState.Stopped;
            }
        }

        public override void StopJob()
        {
            if (TryFinish(JobState.Stopped, null))
            {
                OnStopped();
            }
        }

        /// <summary>Called once after Stop-Job; release what follows the remote work.</summary>
        protected virtual void OnStopped()
        {
        }

        protected void SetStatus(string message, int? percent = null)
        {
            _statusMessage = message;
            if (JobStateInfo.State == JobState.NotStarted)
            {
                SetJobState(JobState.Running);
            }
            if (percent.HasValue)
            {
                Progress.Add(new ProgressRecord(Math.Abs(Id) + 1, Name, message) { PercentComplete = Math.Max(0, Math.Min(100, percent.Value)) });
            }
        }

        protected void Start()
        {
            if (JobStateInfo.State == JobState.NotStarted)
            {
                SetJobState(JobState.Running);
            }
        }

        protected bool Succeed(IEnumerable<object> results, string message = "Completed")
        {
            lock (_gate)
            {
                if (IsFinished)
                {
                    return false;
                }
                foreach (var result in results)
                {
                    Output.Add(PSObject.AsPSObject(result));
                }
                _statusMessage = message;
            }
            return TryFinish(JobState.Completed, null);
        }

        protected bool Fail(ErrorRecord error, string message = "Failed")
        {
            lock (_gate)
            {
                if (IsFinished)
                {
                    return false;
                }
                Error.Add(error);
                _statusMessage = message;
            }
            return TryFinish(JobState.Failed, error.Exception);
        }

        bool TryFinish(JobState state, Exception reason)
        {
            lock (_gate)
            {
                if (IsFinished)
                {
                    return false;
                }
                if (state == JobState.Stopped)
                {
                    _statusMessage = "Stopped";
                }
                if (JobStateInfo.State == JobState.NotStarted)
                {
                    SetJobState(JobState.Running);
                }
                _stopping.Cancel();
                SetJobState(state);
            }
            OnFinished();
            return true;
        }

        /// <summary>Called once when the job reaches Completed, Failed or Stopped, whichever way it got there.</summary>
        protected virtual void OnFinished()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                StopJob();
                _stopping.Dispose();
            }
            base.Dispose(disposing);
        }

        sealed class JobStreams : IOperationStreams
        {
            readonly ServiceJob _job;

            public JobStreams(ServiceJob job)
            {
                _job = job;
            }

            public void Verbose(string message) => _job.Verbose.Add(new VerboseRecord(message));

            public void Debug(string message) => _job.Debug.Add(new DebugRecord(message));

            public void Warning(string message) => _job.Warning.Add(new WarningRecord(message));

            public void Progress(ProgressRecord record) => _job.Progress.Add(record);
        }
    }
}
