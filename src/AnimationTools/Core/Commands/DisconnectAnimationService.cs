using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Completion;

namespace AnimationTools.Core.Commands
{
    /// <summary>Removes a session: by object (pipeline), by service (its current session) or by session id.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AnimationService", DefaultParameterSetName = ServiceSet, SupportsShouldProcess = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Disconnect-AnimationService.md")]
    public sealed class DisconnectAnimationService : AnimationCmdlet
    {
        const string SessionSet = "Session";
        const string ServiceSet = "Service";
        const string IdSet = "Id";

        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        public ServiceSession Session { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ServiceSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConnectedServiceCompleter))]
        public string Service { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public int[] Id { get; set; }

        protected override void ProcessItem()
        {
            var sessions = ParameterSetName == SessionSet ? new[] { Session }
                : ParameterSetName == IdSet ? SessionStore.All().Where(s => Id.Contains(s.Id)).ToArray()
                : new[] { SessionStore.Current(Service) }.Where(s => s != null).ToArray();
            if (sessions.Length == 0)
            {
                var what = ParameterSetName == IdSet ? "id " + string.Join(", ", Id) : "service " + Service;
                throw new AnimationToolsException("AnimationTools.SessionNotFound", ErrorCategory.ObjectNotFound, $"There is no session for {what}.");
            }
            foreach (var session in sessions)
            {
                if (ShouldProcess(session.ToString(), "Disconnect"))
                {
                    SessionStore.Remove(session);
                    WriteVerbose("Disconnected " + session);
                }
            }
        }
    }
}
