using System;
using System.Collections.Generic;
using System.Text;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// A webhook request as it arrived: the body's raw bytes (what a signature covers), headers and the URL it was sent
    /// to. <see cref="Body"/> is the UTF-8 text, decoded on first use, for verifiers that need no more.
    /// </summary>
    public sealed class ReceivedWebhook
    {
        string _body;

        public ReceivedWebhook(byte[] rawBody, IDictionary<string, string> headers, Uri url)
        {
            RawBody = rawBody ?? new byte[0];
            Headers = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            Url = url;
            ReceivedAt = DateTime.Now;
        }

        /// <summary>A body given as text (ConvertFrom-WebhookEvent): its bytes are its UTF-8 encoding.</summary>
        public ReceivedWebhook(string body, IDictionary<string, string> headers, Uri url)
            : this(Encoding.UTF8.GetBytes(body ?? ""), headers, url)
        {
            _body = body ?? "";
        }

        /// <summary>The body exactly as received, for HMAC and size checks before anything decodes it.</summary>
        public byte[] RawBody { get; }

        public string Body => _body ?? (_body = Encoding.UTF8.GetString(RawBody));

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

    /// <summary>
    /// A verifier whose service may also deliver with GET (Danim's <c>http+get://</c> callbacks, the fields in the
    /// query); the listener answers 405 to a GET for every other service.
    /// </summary>
    public interface IAcceptsGetWebhooks
    {
    }
}
