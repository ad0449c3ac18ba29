using System;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Checks the app credentials with one read and makes the Danim session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Danim", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Connect-Danim.md")]
    [OutputType(typeof(DanimSession))]
    public sealed class ConnectDanim : AnimationCmdlet
    {
        /// <summary>User name = app id, password = app secret.</summary>
        [Parameter(Position = 0)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        public string AppId { get; set; }

        /// <summary>The secret that goes with -AppId: a SecureString, or a plain string converted to one.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString AppSecret { get; set; }

        /// <summary>Header (X-App-Id/X-App-Secret, the default), Basic, or Query (the secret goes into every URL).</summary>
        [Parameter]
        public DanimAuthMethod AuthMethod { get; set; } = DanimAuthMethod.Header;

        /// <summary>Service URL: HTTPS, or plain HTTP on loopback (the emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; } = DanimSession.DefaultEndpoint;

        /// <summary>Shortest interval between status polls of the session's jobs, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double PollIntervalSeconds { get; set; } = 2;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessItem()
        {
            DanimSession session = null;
            try
            {
                var endpoint = EndpointPolicy.Validate(DanimSession.ServiceName, Endpoint);
                var credential = ResolveCredential();
                HeaderValue.Check(DanimSession.ServiceName, nameof(AppId), credential.ClientId);
                session = new DanimSession(endpoint, credential, AuthMethod, TimeSpan.FromSeconds(PollIntervalSeconds));
                if (AuthMethod == DanimAuthMethod.Query)
                {
                    WriteWarning("With -AuthMethod Query the app secret is part of every request URL, where proxies and server logs may keep it. This module masks it in everything it writes; prefer Header or Basic.");
                }
                // Danim has no login: one cheap read proves the credentials (AppDoesNotExist, InvalidAppSecret ...).
                Run(token => session.Client.ReadAsync("query { workspaces { id } }", null, null, token));
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
            WriteVerbose($"Connected to Danim at {session.Endpoint} as app {session.ClientId} (credentials by {AuthMethod}).");
            if (PassThru)
            {
                WriteObject(session);
            }
        }

        ClientCredential ResolveCredential()
        {
            if (Credential != null && Credential != PSCredential.Empty)
            {
                return new ClientCredential(Credential.UserName, Credential.Password);
            }
            if (!string.IsNullOrEmpty(AppId) || AppSecret != null)
            {
                if (string.IsNullOrEmpty(AppId) || AppSecret == null || AppSecret.Length == 0)
                {
                    throw new AnimationToolsException(DanimErrorIds.IncompleteCredential, ErrorCategory.InvalidArgument, "Give both -AppId and -AppSecret, or use -Credential.");
                }
                return new ClientCredential(AppId, AppSecret);
            }
            var id = Environment.GetEnvironmentVariable("DANIM_APP_ID");
            var secret = Environment.GetEnvironmentVariable("DANIM_APP_SECRET");
            if (!string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(secret))
            {
                return new ClientCredential(id, ClientCredential.ToSecureString(secret));
            }
            throw new AnimationToolsException(DanimErrorIds.MissingCredential, ErrorCategory.InvalidArgument,
                "No credential for Danim: give -AppId with -AppSecret, -Credential (user name = app id), or set DANIM_APP_ID and DANIM_APP_SECRET.");
        }
    }
}
