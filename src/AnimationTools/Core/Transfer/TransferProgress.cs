using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using AnimationTools.Core.Cmdlets;

namespace AnimationTools.Core.Transfer
{
    /// <summary>Turns byte counts of one transfer into progress records on the current operation's streams.</summary>
    public sealed class TransferProgress
    {
        static int _lastActivityId = 1000;

        readonly ProgressRecord _record;
        readonly IOperationStreams _streams;
        readonly Stopwatch _clock = Stopwatch.StartNew();
        long _done;

        public TransferProgress(string activity, long total, int parentActivityId = -1)
        {
            Total = total;
            _streams = OperationStreams.Current;
            _record = new ProgressRecord(Interlocked.Increment(ref _lastActivityId), activity, Describe(0, total))
            {
                ParentActivityId = parentActivityId,
                PercentComplete = 0,
            };
        }

        public long Total { get; }

        public long Done => Interlocked.Read(ref _done);

        public void Set(long done)
        {
            Interlocked.Exchange(ref _done, done);
            Publish();
        }

        public void Add(long bytes)
        {
            Interlocked.Add(ref _done, bytes);
            Publish();
        }

        public void Complete()
        {
            _record.RecordType = ProgressRecordType.Completed;
            _record.PercentComplete = 100;
            _streams.Progress(_record);
        }

        void Publish()
        {
            var done = Done;
            var record = new ProgressRecord(_record.ActivityId, _record.Activity, Describe(done, Total))
            {
                ParentActivityId = _record.ParentActivityId,
                PercentComplete = Total > 0 ? (int)Math.Min(100, done * 100 / Total) : -1,
            };
            var seconds = _clock.Elapsed.TotalSeconds;
            if (done > 0 && Total > done && seconds > 1)
            {
                record.SecondsRemaining = (int)((Total - done) / (done / seconds));
            }
            _streams.Progress(record);
        }

        static string Describe(long done, long total) => total > 0 ? $"{Size(done)} of {Size(total)}" : Size(done);

        public static string Size(long bytes)
        {
            if (bytes < 1024) return bytes + " B";
            if (bytes < 1024 * 1024) return (bytes / 1024.0).ToString("0.#") + " KB";
            if (bytes < 1024L * 1024 * 1024) return (bytes / 1024.0 / 1024).ToString("0.#") + " MB";
            return (bytes / 1024.0 / 1024 / 1024).ToString("0.##") + " GB";
        }
    }
}
