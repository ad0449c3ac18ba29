using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// What every Connect-* cmdlet does: check the endpoint, pick the credential (-Credential, -ClientId/-ClientSecret
    /// or the service's environment variables), log in at once, and store the session only when the login worked.
    /// </summary>
    public abstract class ConnectCmdlet<TSession> : AnimationCmdlet where TSession : ServiceSession
    {
        protected ConnectCmdlet(string defaultEndpoint, double defaultPollIntervalSeconds)
        {
            Endpoint = defaultEndpoint;
            PollIntervalSeconds = defaultPollIntervalSeconds;
        }

        /// <summary>User name = client id, password = client secret.</summary>
        [Parameter(Position = 0)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        public string ClientId { get; set; }

        /// <summary>The secret that goes with -ClientId: a SecureString, or a plain string converted to one.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString ClientSecret { get; set; }

        /// <summary>Service URL: HTTPS, or plain HTTP on loopback (the emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; }

        /// <summary>Shortest interval between status polls of the session's jobs, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double PollIntervalSeconds { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Service name, as sessions and error ids spell it.</summary>
        protected abstract string ServiceName { get; }

        /// <summary>Prefix of the credential environment variables, e.g. DEEPMOTION for DEEPMOTION_CLIENT_ID.</summary>
        protected abstract string EnvironmentPrefix { get; }

        protected abstract TSession CreateSession(Uri endpoint, ClientCredential credential, TimeSpan pollInterval);

        /// <summary>Logs in (and whatever else must work before the session is usable).</summary>
        protected abstract Task LogInAsync(TSession session, CancellationToken cancellationToken);

        /// <summary>Checks the service's own parameters before anything is sent; throws an AnimationToolsException.</summary>
        protected virtual void ValidateParameters()
        {
        }

        /// <summary>Verbose and warning messages once connected.</summary>
        protected virtual void OnConnected(TSession session)
        {
        }

        protected sealed override void ProcessItem()
        {
            TSession session = null;
            try
            {
                ValidateParameters();
                var endpoint = EndpointPolicy.Validate(ServiceName, Endpoint);
                var credential = CredentialResolver.Resolve(ServiceName, Credential, ClientId, ClientSecret, EnvironmentPrefix);
                session = CreateSession(endpoint, credential, TimeSpan.FromSeconds(PollIntervalSeconds));
                Run(token => LogInAsync(session, token));
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
            OnConnected(session);
            if (PassThru)
            {
                WriteObject(session);
            }
        }
    }
}
