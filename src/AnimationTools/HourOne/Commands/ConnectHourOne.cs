using System;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.HourOne.Commands
{
    /// <summary>
    /// Connects to Hour One with an API key (-ApiKey, else the password of -Credential, else HOURONE_API_KEY), checks
    /// the key with one request, and makes the session current.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "HourOne", DefaultParameterSetName = KeySet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Connect-HourOne.md")]
    [OutputType(typeof(HourOneSession))]
    public sealed class ConnectHourOne : AnimationCmdlet
    {
        const string KeySet = "ApiKey";
        const string CredentialSet = "Credential";
        const string EnvironmentVariable = "HOURONE_API_KEY";

        /// <summary>The account's API key: a SecureString, or a plain string converted to one.</summary>
        [Parameter(Position = 0, ParameterSetName = KeySet)]
        [SecureStringTransformation]
        public SecureString ApiKey { get; set; }

        /// <summary>The password is the API key; the user name is only a label shown as the session's ClientId.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>The API root including /api/v1: HTTPS, or plain HTTP on loopback (the emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; } = HourOneSession.DefaultEndpoint;

        /// <summary>Sent as the workspace-id header when creating videos.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string WorkspaceId { get; set; }

        /// <summary>Sent as the team-id header when creating videos.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TeamId { get; set; }

        /// <summary>Shortest interval between status polls of the session's jobs, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double PollIntervalSeconds { get; set; } = 5;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            HourOneSession session = null;
            try
            {
                HeaderValue.Check(HourOneSession.ServiceName, nameof(WorkspaceId), WorkspaceId);
                HeaderValue.Check(HourOneSession.ServiceName, nameof(TeamId), TeamId);
                var endpoint = EndpointPolicy.Validate(HourOneSession.ServiceName, Endpoint);
                session = new HourOneSession(endpoint, ResolveKey(), TimeSpan.FromSeconds(PollIntervalSeconds), WorkspaceId, TeamId);
                Run(token => session.Client.CheckKeyAsync(token));
            }
            catch (AnimationToolsException ex)
            {
                session?.Dispose();
                ThrowFailure(ex);
            }
            catch (PipelineStoppedException)
            {
                session?.Dispose();
                throw;
            }

            SessionStore.Add(session);
            WriteVerbose($"Connected to Hour One at {session.Endpoint}" + (WorkspaceId == null ? "" : $", workspace {WorkspaceId}") + (TeamId == null ? "" : $", team {TeamId}") + ".");
            if (PassThru)
            {
                WriteObject(session);
            }
        }

        ClientCredential ResolveKey()
        {
            if (Credential != null && Credential != PSCredential.Empty)
            {
                if (Credential.Password == null || Credential.Password.Length == 0)
                {
                    throw Missing("The password of -Credential is empty; it must be the API key.");
                }
                return new ClientCredential(string.IsNullOrEmpty(Credential.UserName) ? "api-key" : Credential.UserName, Credential.Password);
            }
            if (ApiKey != null)
            {
                if (ApiKey.Length == 0)
                {
                    throw Missing("-ApiKey is empty.");
                }
                return new ClientCredential("api-key", ApiKey);
            }
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return new ClientCredential("api-key", ClientCredential.ToSecureString(fromEnvironment));
            }
            throw Missing($"No API key for Hour One: give -ApiKey, -Credential (password = key), or set {EnvironmentVariable}.");
        }

        static AnimationToolsException Missing(string message) =>
            new AnimationToolsException(HourOneSession.ServiceName + ".MissingCredential", ErrorCategory.InvalidArgument, message)
            {
                RecommendedAction = "Copy the API key from Hour One's web app (Settings, API) and pass it with -ApiKey.",
            };
    }
}
