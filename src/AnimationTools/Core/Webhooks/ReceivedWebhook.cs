using System;
using System.Collections.Generic;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>A webhook request as it arrived: raw body, headers and the URL it was sent to.</summary>
    public sealed class ReceivedWebhook
    {
        public ReceivedWebhook(string body, IDictionary<string, string> headers, Uri url)
        {
            Body = body ?? "";
            Headers = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            Url = url;
            ReceivedAt = DateTime.Now;
        }

        public string Body { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The URL the event was delivered to (it may carry a secret token); null when unknown.</summary>
        public Uri Url { get; }

        public DateTime ReceivedAt { get; }

        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        /// <summary>A query parameter of <see cref="Url"/>, unescaped.</summary>
        public string QueryValue(string name)
        {
            var query = Url?.Query;
            if (string.IsNullOrEmpty(query))
            {
                return null;
            }
            foreach (var pair in query.TrimStart('?').Split('&'))
            {
                var equals = pair.IndexOf('=');
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
                if (key == name)
                {
                    return equals < 0 ? "" : Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
                }
            }
            return null;
        }
    }

    /// <summary>Checks a received webhook and turns it into a typed event; throws an AnimationToolsException when it is rejected.</summary>
    public interface IWebhookVerifier
    {
        /// <summary>Largest body accepted, in bytes.</summary>
        int MaxBodyBytes { get; }

        object Verify(ReceivedWebhook webhook);
    }
}
