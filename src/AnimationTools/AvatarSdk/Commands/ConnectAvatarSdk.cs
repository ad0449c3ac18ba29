using System;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Gets an OAuth2 token for an Avatar SDK application and makes the session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "AvatarSdk", DefaultParameterSetName = DeveloperSet)]
    [OutputType(typeof(AvatarSdkSession))]
    public sealed class ConnectAvatarSdk : AnimationCmdlet
    {
        const string DeveloperSet = "Developer";
        const string PlayerSet = "Player";
        const string NewPlayerSet = "NewPlayer";

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
        public string Endpoint { get; set; } = AvatarSdkSession.DefaultEndpoint;

        /// <summary>Client access mode: sign every request with this player's X-PlayerUID.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PlayerSet)]
        [ValidateNotNullOrEmpty]
        public string PlayerUid { get; set; }

        /// <summary>Client access mode with a player registered now (POST /players/).</summary>
        [Parameter(Mandatory = true, ParameterSetName = NewPlayerSet)]
        public SwitchParameter NewPlayer { get; set; }

        /// <summary>Free text stored with a new player.</summary>
        [Parameter(ParameterSetName = NewPlayerSet)]
        public string PlayerComment { get; set; }

        /// <summary>Shortest interval between status polls, in seconds (official clients poll every 4-5 s).</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double PollIntervalSeconds { get; set; } = 4;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            AvatarSdkSession session;
            try
            {
                var endpoint = EndpointPolicy.Validate(AvatarSdkSession.ServiceName, Endpoint);
                var credential = CredentialResolver.Resolve(AvatarSdkSession.ServiceName, Credential, ClientId, ClientSecret, "AVATARSDK");
                session = new AvatarSdkSession(endpoint, credential, TimeSpan.FromSeconds(PollIntervalSeconds));
            }
            catch (AnimationToolsException ex)
            {
                ThrowFailure(ex);
                return;
            }

            try
            {
                Run(async token =>
                {
                    await session.Tokens.RenewAsync(0, token).ConfigureAwait(false);
                    if (NewPlayer)
                    {
                        var player = await session.Client.RegisterPlayerAsync(PlayerComment, token).ConfigureAwait(false);
                        session.Authenticator.PlayerUid = player.Code;
                    }
                    else if (PlayerUid != null)
                    {
                        session.Authenticator.PlayerUid = PlayerUid;
                        // Fail here, not in the first real command, when the player is not one of this application.
                        await session.Client.GetPlayerAsync(PlayerUid, token).ConfigureAwait(false);
                    }
                });
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
            WriteVerbose($"Connected to the Avatar SDK at {session.Endpoint} as {session.ClientId} ({session.AccessMode} access); the token expires {session.TokenExpires:u}.");
            if (PassThru)
            {
                WriteObject(session);
            }
        }
    }
}
