using System.Management.Automation;
using System.Threading;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// Where background work writes verbose, debug, warning and progress messages. Work started by a cmdlet writes to a
    /// queue its pipeline thread drains; work inside a job writes to the job's streams. The current target flows with
    /// the async context, so shared code (the HTTP pipeline, the transfer engine) never needs a cmdlet reference.
    /// </summary>
    public interface IOperationStreams
    {
        void Verbose(string message);

        void Debug(string message);

        void Warning(string message);

        void Progress(ProgressRecord record);
    }

    public static class OperationStreams
    {
        static readonly AsyncLocal<IOperationStreams> CurrentStreams = new AsyncLocal<IOperationStreams>();

        /// <summary>The streams of the operation running on this async flow (a silent sink when there is none).</summary>
        public static IOperationStreams Current
        {
            get => CurrentStreams.Value ?? NullStreams.Instance;
            set => CurrentStreams.Value = value;
        }

        sealed class NullStreams : IOperationStreams
        {
            public static readonly NullStreams Instance = new NullStreams();

            public void Verbose(string message) { }

            public void Debug(string message) { }

            public void Warning(string message) { }

            public void Progress(ProgressRecord record) { }
        }
    }
}
