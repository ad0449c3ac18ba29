using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Completion;

namespace AnimationTools.Core.Commands
{
    /// <summary>Lists the sessions of this process (never a secret).</summary>
    [Cmdlet(VerbsCommon.Get, "AnimationSession", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AnimationSession.md")]
    [OutputType(typeof(ServiceSession))]
    public sealed class GetAnimationSession : AnimationCmdlet
    {
        /// <summary>Only sessions of this service (DeepMotion, AvatarSdk ...).</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ConnectedServiceCompleter))]
        public string Service { get; set; }

        /// <summary>Only the current session of each service.</summary>
        [Parameter]
        public SwitchParameter Current { get; set; }

        protected override void ProcessItem()
        {
            var sessions = SessionStore.All()
                .Where(s => string.IsNullOrEmpty(Service) || string.Equals(s.Service, Service, System.StringComparison.OrdinalIgnoreCase))
                .Where(s => !Current || s.IsCurrent);
            WriteObject(sessions, enumerateCollection: true);
        }
    }
}
