using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Teleport.Commands
{
    /// <summary>
    /// Gets an OAuth2 token for a Varjo Teleport organisation (client credentials as a JSON body, from the sign-in
    /// service) and makes the session current.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Teleport", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Connect-Teleport.md")]
    [OutputType(typeof(TeleportSession))]
    public sealed class ConnectTeleport : ConnectCmdlet<TeleportSession>
    {
        Uri _tokenEndpoint;

        /// <summary>Processing takes minutes: a capture is polled every 10 s at first, less often while nothing changes.</summary>
        public ConnectTeleport()
            : base(TeleportSession.DefaultEndpoint, defaultPollIntervalSeconds: 10)
        {
        }

        /// <summary>The OAuth2 token endpoint: Varjo's sign-in service, or the emulator's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TokenEndpoint { get; set; } = TeleportSession.DefaultTokenEndpoint;

        protected override string ServiceName => TeleportSession.ServiceName;

        protected override string EnvironmentPrefix => "TELEPORT";

        protected override void ValidateParameters()
        {
            var endpointGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Endpoint))
                && !string.Equals(Endpoint.TrimEnd('/'), TeleportSession.DefaultEndpoint, StringComparison.OrdinalIgnoreCase);
            if (endpointGiven && !MyInvocation.BoundParameters.ContainsKey(nameof(TokenEndpoint)))
            {
                // The credential would go to Varjo's real sign-in service while the API calls go elsewhere.
                throw new AnimationToolsException("Teleport.InvalidParameter.TokenEndpoint", ErrorCategory.InvalidArgument,
                    "With an -Endpoint other than Varjo's, give -TokenEndpoint as well (for the emulator: http://127.0.0.1:5080/teleport-signin/oauth2/token).", null, nameof(TokenEndpoint));
            }
            _tokenEndpoint = EndpointPolicy.Validate(ServiceName, TokenEndpoint, "token endpoint");
        }

        protected override TeleportSession CreateSession(Uri endpoint, ClientCredential credential, TimeSpan pollInterval) =>
            new TeleportSession(endpoint, _tokenEndpoint, credential, pollInterval);

        protected override Task LogInAsync(TeleportSession session, CancellationToken cancellationToken) => session.Tokens.RenewAsync(0, cancellationToken);

        protected override void OnConnected(TeleportSession session)
        {
            WriteVerbose($"Connected to Varjo Teleport at {session.Endpoint} as {session.ClientId}; the token expires {session.TokenExpires:u}.");
        }
    }
}
