using System;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>Logs in to DeepMotion Animate 3D and makes the session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "DeepMotion")]
    [OutputType(typeof(DeepMotionSession))]
    public sealed class ConnectDeepMotion : AnimationCmdlet
    {
        /// <summary>User name = client id, password = client secret.</summary>
        [Parameter(Position = 0)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        public string ClientId { get; set; }

        [Parameter]
        public SecureString ClientSecret { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; } = DeepMotionSession.DefaultEndpoint;

        /// <summary>Sent as x-useruid at login: models stored by this session then belong to that user only.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UserUid { get; set; }

        /// <summary>Shortest interval between status polls, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double PollIntervalSeconds { get; set; } = 1;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            DeepMotionSession session;
            try
            {
                var endpoint = EndpointPolicy.Validate(DeepMotionSession.ServiceName, Endpoint);
                var credential = CredentialResolver.Resolve(DeepMotionSession.ServiceName, Credential, ClientId, ClientSecret, "DEEPMOTION");
                session = new DeepMotionSession(endpoint, credential, UserUid, TimeSpan.FromSeconds(PollIntervalSeconds));
            }
            catch (AnimationToolsException ex)
            {
                ThrowFailure(ex);
                return;
            }

            try
            {
                Run(token => session.Authenticator.RenewAsync(0, token));
            }
            catch (AnimationToolsException ex)
            {
                session.Dispose();
                ThrowFailure(ex);
            }
            catch (PipelineStoppedException)
            {
                session.Dispose();
                throw;
            }

            SessionStore.Add(session);
            WriteVerbose($"Connected to DeepMotion at {session.Endpoint} as {session.ClientId}; the session expires {session.SessionExpires:u}.");
            if (!string.IsNullOrEmpty(UserUid))
            {
                WriteWarning("This session logs in with -UserUid: character models it uploads belong to that user only and are not shared with jobs of other sessions.");
            }
            if (PassThru)
            {
                WriteObject(session);
            }
        }
    }
}
