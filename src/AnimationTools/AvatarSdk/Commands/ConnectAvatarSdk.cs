using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Gets an OAuth2 token for an Avatar SDK application and makes the session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "AvatarSdk", DefaultParameterSetName = DeveloperSet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Connect-AvatarSdk.md")]
    [OutputType(typeof(AvatarSdkSession))]
    public sealed class ConnectAvatarSdk : ConnectCmdlet<AvatarSdkSession>
    {
        const string DeveloperSet = "Developer";
        const string PlayerSet = "Player";
        const string NewPlayerSet = "NewPlayer";

        /// <summary>Official clients poll every 4-5 s.</summary>
        public ConnectAvatarSdk()
            : base(AvatarSdkSession.DefaultEndpoint, defaultPollIntervalSeconds: 4)
        {
        }

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

        protected override string ServiceName => AvatarSdkSession.ServiceName;

        protected override string EnvironmentPrefix => "AVATARSDK";

        protected override void ValidateParameters()
        {
            HeaderValue.Check(ServiceName, nameof(PlayerUid), PlayerUid);
            // Also a path segment: GET players/{code}/ checks the player.
            RemoteId.Check(ServiceName, nameof(PlayerUid), PlayerUid);
        }

        protected override AvatarSdkSession CreateSession(Uri endpoint, ClientCredential credential, TimeSpan pollInterval) =>
            new AvatarSdkSession(endpoint, credential, pollInterval);

        protected override async Task LogInAsync(AvatarSdkSession session, CancellationToken cancellationToken)
        {
            await session.Tokens.RenewAsync(0, cancellationToken).ConfigureAwait(false);
            if (NewPlayer)
            {
                var player = await session.Client.RegisterPlayerAsync(PlayerComment, cancellationToken).ConfigureAwait(false);
                session.Authenticator.PlayerUid = player.Code;
            }
            else if (PlayerUid != null)
            {
                session.Authenticator.PlayerUid = PlayerUid;
                // Fail here, not in the first real command, when the player is not one of this application.
                await session.Client.GetPlayerAsync(PlayerUid, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override void OnConnected(AvatarSdkSession session)
        {
            WriteVerbose($"Connected to the Avatar SDK at {session.Endpoint} as {session.ClientId} ({session.AccessMode} access); the token expires {session.TokenExpires:u}.");
        }
    }
}
