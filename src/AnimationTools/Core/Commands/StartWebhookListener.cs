using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Completion;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Core.Commands
{
    /// <summary>
    /// Receives one service's webhooks on an HTTP prefix as a background job: verified events are its output, and the
    /// session's jobs look at their work at once when an event names it (polling becomes a slow fallback). The default
    /// service is the receiver marked so (DeepMotion); -Session of another service, or -Service, picks that one.
    /// Stop-Job closes it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "WebhookListener", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Start-WebhookListener.md")]
    [OutputType(typeof(WebhookListenerJob))]
    public sealed class StartWebhookListener : AnimationCmdlet
    {
        /// <summary>HttpListener prefix, e.g. http://127.0.0.1:8080/ (must end with a slash).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Prefix { get; set; }

        /// <summary>Whose webhooks: DeepMotion (the default), Teleport, HourOne or Danim; the -Session's service when one is given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(WebhookServiceCompleter))]
        [ValidateNotNullOrEmpty]
        public string Service { get; set; }

        /// <summary>The key of HMAC-signed events (Teleport: the organisation's signing secret; Hour One: the webhook's).</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString SigningSecret { get; set; }

        /// <summary>DeepMotion: secret URL tokens to require, besides those the session registered.</summary>
        [Parameter]
        public SecureString[] Token { get; set; }

        [Parameter]
        [ValidateRange(256, 16 * 1024 * 1024)]
        public int MaxBodySize { get; set; } = ConvertFromWebhookEvent.DefaultMaxBodyBytes;

        /// <summary>Events waiting to be handled before the listener answers 503 (the sender then retries).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int QueueLimit { get; set; } = 1000;

        /// <summary>While the listener runs, jobs of the session are polled only this often, in case an event is lost.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int FallbackPollSeconds { get; set; } = 120;

        /// <summary>The session whose jobs the events complete (any service's).</summary>
        [Parameter]
        public ServiceSession Session { get; set; }

        protected override void ProcessItem()
        {
            WebhookReceiver receiver = null;
            try
            {
                receiver = WebhookReceivers.For(ServiceOf(Service, Session));
            }
            catch (AnimationToolsException invalid)
            {
                ThrowFailure(invalid);
            }
            var session = ResolveSession(Session, receiver.Service, "Connect-" + receiver.Service);
            if (!Uri.TryCreate(Prefix, UriKind.Absolute, out var prefix) || (prefix.Scheme != "http" && prefix.Scheme != "https") || !Prefix.EndsWith("/"))
            {
                ThrowFailure(new AnimationToolsException(receiver.Service + ".InvalidParameter.Prefix", ErrorCategory.InvalidArgument,
                    $"'{Prefix}' is not a listener prefix such as http://127.0.0.1:8080/ (absolute, ending with a slash).", null, Prefix));
            }
            IWebhookVerifier verifier = null;
            try
            {
                verifier = receiver.CreateVerifier(session, new WebhookOptions { MaxBodyBytes = MaxBodySize, SigningSecret = SigningSecret, Tokens = Token });
            }
            catch (AnimationToolsException invalid)
            {
                ThrowFailure(invalid);
            }

            WebhookListenerJob job = null;
            // Not the command line: it may hold the signing secret or a token typed as text.
            var command = $"Start-WebhookListener -Service {receiver.Service} -Prefix {Prefix}";
            job = new WebhookListenerJob(Prefix, verifier, session.OnWebhookEvent, () => session.DetachListener(job), QueueLimit, command);
            try
            {
                job.Open();
            }
            catch (Exception ex) when (ex is HttpListenerException || ex is InvalidOperationException || ex is PlatformNotSupportedException)
            {
                job.Dispose();
                ThrowFailure(new AnimationToolsException(receiver.Service + ".ListenerFailed", ErrorCategory.OpenError, $"Cannot listen on {Prefix}: {ex.Message}", ex, Prefix));
            }
            JobRepository.Add(job);
            session.AttachListener(job, TimeSpan.FromSeconds(FallbackPollSeconds));
            WriteObject(job);
        }

        /// <summary>The service named by -Service, else by -Session, else the default; a terminating error when they disagree.</summary>
        internal static string ServiceOf(string service, ServiceSession session)
        {
            if (session != null && service != null && !string.Equals(service, session.Service, StringComparison.OrdinalIgnoreCase))
            {
                throw new AnimationToolsException("AnimationTools.InvalidParameter.Service", ErrorCategory.InvalidArgument,
                    $"-Service {service} does not match the -Session, a {session.Service} session.", null, service);
            }
            return service ?? session?.Service ?? WebhookReceivers.DefaultService;
        }
    }
}
