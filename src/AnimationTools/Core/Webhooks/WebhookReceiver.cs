using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>The service-neutral options of Start-WebhookListener and ConvertFrom-WebhookEvent; each service reads what it uses.</summary>
    public sealed class WebhookOptions
    {
        /// <summary>The largest body accepted, in bytes.</summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>The key of HMAC signatures (Teleport's organisation signing secret ...).</summary>
        public SecureString SigningSecret { get; set; }

        /// <summary>Secret URL tokens (DeepMotion).</summary>
        public SecureString[] Tokens { get; set; }

        /// <summary>The account a signature names (DeepMotion's client id), when no session gives it.</summary>
        public string ClientId { get; set; }
    }

    /// <summary>
    /// One service's part of webhook receiving: which options it needs and the verifier that checks and parses its
    /// events. The listener and ConvertFrom-WebhookEvent are the same for every service; a service that sends webhooks
    /// adds one small subclass (found by <see cref="WebhookReceivers"/>) and its verifier.
    /// </summary>
    public abstract class WebhookReceiver
    {
        /// <summary>The service name, as sessions spell it.</summary>
        public abstract string Service { get; }

        /// <summary>Whether the cmdlets serve this service when neither -Service nor -Session names one (one service is).</summary>
        public virtual bool IsDefault => false;

        /// <summary>Whether a verifier can be made from these options alone, without a session of the service.</summary>
        public abstract bool NeedsSession(WebhookOptions options);

        /// <summary>
        /// The verifier for one listener or conversion; <paramref name="session"/> is the service's session, or null when
        /// <see cref="NeedsSession"/> said none is needed. Throws an AnimationToolsException for options that do not fit.
        /// </summary>
        public abstract IWebhookVerifier CreateVerifier(ServiceSession session, WebhookOptions options);

        /// <summary>A parameter this service does not use: a terminating InvalidArgument naming it.</summary>
        protected AnimationToolsException NotUsed(string parameter, string why) =>
            new AnimationToolsException($"{Service}.InvalidParameter.{parameter}", ErrorCategory.InvalidArgument, $"-{parameter} does not apply to {Service}: {why}", null, parameter);
    }

    /// <summary>The services that receive webhooks: every <see cref="WebhookReceiver"/> of the module.</summary>
    public static class WebhookReceivers
    {
        static readonly Lazy<Dictionary<string, WebhookReceiver>> All = new Lazy<Dictionary<string, WebhookReceiver>>(() =>
            LoadableTypes()
                .Where(t => !t.IsAbstract && typeof(WebhookReceiver).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
                .Select(t => (WebhookReceiver)Activator.CreateInstance(t))
                .ToDictionary(r => r.Service, StringComparer.OrdinalIgnoreCase));

        static IEnumerable<Type> LoadableTypes()
        {
            try
            {
                return typeof(WebhookReceiver).Assembly.GetTypes();
            }
            catch (System.Reflection.ReflectionTypeLoadException partly)
            {
                return partly.Types.Where(t => t != null);
            }
        }

        /// <summary>The service served when none is named (the first webhook service of the module, DeepMotion).</summary>
        public static string DefaultService => All.Value.Values.Where(r => r.IsDefault).Select(r => r.Service).FirstOrDefault();

        /// <summary>Service names, sorted.</summary>
        public static IEnumerable<string> Services => All.Value.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase);

        /// <summary>The receiver of a service; an InvalidArgument error naming the known ones when it has none.</summary>
        public static WebhookReceiver For(string service)
        {
            if (service != null && All.Value.TryGetValue(service, out var receiver))
            {
                return receiver;
            }
            throw new AnimationToolsException("AnimationTools.InvalidParameter.Service", ErrorCategory.InvalidArgument,
                $"{service} sends no webhooks this module receives; -Service takes {string.Join(", ", Services)}.", null, service);
        }
    }
}
