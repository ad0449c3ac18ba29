using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// Carries what background work writes onto the cmdlet's own thread, the only thread PowerShell accepts Write*
    /// calls from. Progress is throttled: only the newest record of each activity is written, at most every 250 ms.
    /// </summary>
    sealed class CmdletPump : IOperationStreams
    {
        static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        readonly BlockingCollection<Action<Cmdlet>> _queue = new BlockingCollection<Action<Cmdlet>>();
        readonly Dictionary<int, ProgressRecord> _pendingProgress = new Dictionary<int, ProgressRecord>();
        readonly bool _progressEnabled;
        DateTime _lastProgress = DateTime.MinValue;

        public CmdletPump(bool progressEnabled)
        {
            _progressEnabled = progressEnabled;
        }

        public void Verbose(string message) => _queue.Add(c => c.WriteVerbose(message));

        public void Debug(string message) => _queue.Add(c => c.WriteDebug(message));

        public void Warning(string message) => _queue.Add(c => c.WriteWarning(message));

        public void Output(object value) => _queue.Add(c => c.WriteObject(value));

        public void Error(ErrorRecord record) => _queue.Add(c => c.WriteError(record));

        public void Progress(ProgressRecord record)
        {
            if (!_progressEnabled)
            {
                return;
            }
            lock (_pendingProgress)
            {
                _pendingProgress[record.ActivityId] = record;
            }
        }

        /// <summary>Runs queued writes on the calling (pipeline) thread until the work has finished.</summary>
        public void RunUntilDone(Cmdlet cmdlet, Task work)
        {
            work.ContinueWith(_ => _queue.Add(null), TaskScheduler.Default);
            while (true)
            {
                if (_queue.TryTake(out var action, ProgressInterval))
                {
                    if (action == null)
                    {
                        break;
                    }
                    action(cmdlet);
                }
                WriteProgress(cmdlet, force: false);
            }
            while (_queue.TryTake(out var rest))
            {
                rest?.Invoke(cmdlet);
            }
            WriteProgress(cmdlet, force: true);
        }

        void WriteProgress(Cmdlet cmdlet, bool force)
        {
            if (!force && DateTime.UtcNow - _lastProgress < ProgressInterval)
            {
                return;
            }
            List<ProgressRecord> records;
            lock (_pendingProgress)
            {
                records = new List<ProgressRecord>(_pendingProgress.Values);
                _pendingProgress.Clear();
            }
            foreach (var record in records)
            {
                cmdlet.WriteProgress(record);
            }
            _lastProgress = DateTime.UtcNow;
        }
    }
}
