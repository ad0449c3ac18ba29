using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;
using AnimationTools.DeepMotion.Webhooks;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>
    /// Receives DeepMotion webhooks on an HTTP prefix as a background job: verified events are its output, and the
    /// session's animation jobs complete from them (polling becomes a slow fallback). Stop-Job closes it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "WebhookListener")]
    [OutputType(typeof(WebhookListenerJob))]
    public sealed class StartWebhookListener : AnimationCmdlet
    {
        /// <summary>HttpListener prefix, e.g. http://127.0.0.1:8080/ (must end with a slash).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Prefix { get; set; }

        /// <summary>Secret URL tokens to require, besides those the session registered.</summary>
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

        [Parameter]
        public DeepMotionSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
            if (!Uri.TryCreate(Prefix, UriKind.Absolute, out var prefix) || (prefix.Scheme != "http" && prefix.Scheme != "https") || !Prefix.EndsWith("/"))
            {
                ThrowFailure(new AnimationToolsException("DeepMotion.InvalidParameter.Prefix", ErrorCategory.InvalidArgument,
                    $"'{Prefix}' is not a listener prefix such as http://127.0.0.1:8080/ (absolute, ending with a slash).", null, Prefix));
            }
            var extraTokens = WebhookTokenSet.Reveal(Token);
            var verifier = new DeepMotionWebhookVerifier(session.ClientId, () => extraTokens.Concat(session.WebhookTokens.Snapshot()).ToArray(), MaxBodySize);

            WebhookListenerJob job = null;
            job = new WebhookListenerJob(Prefix, verifier, session.OnWebhookEvent, () => session.DetachListener(job), QueueLimit, MyInvocation.Line?.Trim());
            try
            {
                job.Open();
            }
            catch (Exception ex) when (ex is HttpListenerException || ex is InvalidOperationException || ex is PlatformNotSupportedException)
            {
                job.Dispose();
                ThrowFailure(new AnimationToolsException("DeepMotion.ListenerFailed", ErrorCategory.OpenError, $"Cannot listen on {Prefix}: {ex.Message}", ex, Prefix));
            }
            JobRepository.Add(job);
            session.AttachListener(job, TimeSpan.FromSeconds(FallbackPollSeconds));
            WriteObject(job);
        }
    }
}
