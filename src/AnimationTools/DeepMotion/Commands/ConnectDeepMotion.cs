using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Logs in to DeepMotion Animate 3D and makes the session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "DeepMotion", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Connect-DeepMotion.md")]
    [OutputType(typeof(DeepMotionSession))]
    public sealed class ConnectDeepMotion : ConnectCmdlet<DeepMotionSession>
    {
        public ConnectDeepMotion()
            : base(DeepMotionSession.DefaultEndpoint, defaultPollIntervalSeconds: 1)
        {
        }

        /// <summary>Sent as x-useruid at login: models stored by this session then belong to that user only.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UserUid { get; set; }

        protected override string ServiceName => DeepMotionSession.ServiceName;

        protected override string EnvironmentPrefix => "DEEPMOTION";

        protected override void ValidateParameters() => HeaderValue.Check(ServiceName, nameof(UserUid), UserUid);

        protected override DeepMotionSession CreateSession(Uri endpoint, ClientCredential credential, TimeSpan pollInterval) =>
            new DeepMotionSession(endpoint, credential, UserUid, pollInterval);

        protected override Task LogInAsync(DeepMotionSession session, CancellationToken cancellationToken) =>
            session.Authenticator.RenewAsync(0, cancellationToken);

        protected override void OnConnected(DeepMotionSession session)
        {
            WriteVerbose($"Connected to DeepMotion at {session.Endpoint} as {session.ClientId}; the session expires {session.SessionExpires:u}.");
            if (!string.IsNullOrEmpty(UserUid))
            {
                WriteWarning("This session logs in with -UserUid: character models it uploads belong to that user only and are not shared with jobs of other sessions.");
            }
        }
    }
}
