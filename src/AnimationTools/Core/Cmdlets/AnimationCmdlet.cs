using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// What every cmdlet of the module shares: a cancellation token that Ctrl+C and Stop-Job cancel, running async work
    /// while its messages reach the pipeline thread, session lookup, and turning failures into ErrorRecords.
    /// </summary>
    public abstract class AnimationCmdlet : PSCmdlet, IDisposable
    {
        readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C).</summary>
        protected CancellationToken Cancellation => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        protected sealed override void ProcessRecord()
        {
            try
            {
                ProcessItem();
            }
            catch (AnimationToolsException ex)
            {
                WriteError(ex.ToErrorRecord());
            }
            catch (IOException ex)
            {
                WriteError(new ErrorRecord(ex, "AnimationTools.FileError", ErrorCategory.WriteError, null));
            }
            catch (UnauthorizedAccessException ex)
            {
                WriteError(new ErrorRecord(ex, "AnimationTools.FileAccessDenied", ErrorCategory.PermissionDenied, null));
            }
        }

        /// <summary>Handles one pipeline item; an AnimationToolsException it throws is written as a non-terminating error.</summary>
        protected abstract void ProcessItem();

        /// <summary>Runs async work and pumps its verbose, warning and progress messages until it finishes.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var pump = new CmdletPump(ProgressEnabled());
            var previous = OperationStreams.Current;
            Task<T> task;
            OperationStreams.Current = pump;
            try
            {
                task = Task.Run(() => work(Cancellation));
            }
            finally
            {
                OperationStreams.Current = previous;
            }
            pump.RunUntilDone(this, task);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void Run(Func<CancellationToken, Task> work)
        {
            Run<bool>(async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            });
        }

        /// <summary>The explicit -Session, else the service's current session; a terminating error when there is none.</summary>
        protected TSession ResolveSession<TSession>(TSession explicitSession, string service, string connectCommand)
            where TSession : ServiceSession
        {
            if (explicitSession != null)
            {
                return explicitSession;
            }
            if (SessionStore.Current(service) is TSession current)
            {
                return current;
            }
            ThrowTerminatingError(new AnimationToolsException(service + ".NotConnected", ErrorCategory.ConnectionError,
                $"There is no {service} session. Run {connectCommand} first, or pass -Session.")
            { RecommendedAction = $"Run {connectCommand}." }.ToErrorRecord());
            return null;
        }

        protected void ThrowFailure(AnimationToolsException exception) => ThrowTerminatingError(exception.ToErrorRecord());

        bool ProgressEnabled()
        {
            var preference = SessionState?.PSVariable.GetValue("ProgressPreference")?.ToString();
            return preference != nameof(ActionPreference.SilentlyContinue) && preference != nameof(ActionPreference.Ignore);
        }

        public void Dispose()
        {
            _stopping.Dispose();
        }
    }
}
