using System;
using System.Collections.Generic;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Danim.Webhooks
{
    /// <summary>
    /// Verifies a Danim callback: the body is bounded, the URL's <c>at_token</c> must be the token the session issued
    /// for the video the callback names (compared in constant time), and only then are the fields read: a form POST
    /// (<c>id</c>, <c>raw_url</c>, <c>raw_quicklook_url</c>, <c>raw_thumbnail_url</c>, <c>player_url</c>) or, for a
    /// GET (<c>+get</c> callback URLs), the same fields in the query.
    /// </summary>
    sealed class DanimCallbackVerifier : IWebhookVerifier, IAcceptsGetWebhooks
    {
        readonly DanimSession _session;

        public DanimCallbackVerifier(DanimSession session, int maxBodyBytes)
        {
            _session = session;
            MaxBodyBytes = maxBodyBytes;
        }

        public int MaxBodyBytes { get; }

        public object Verify(ReceivedWebhook webhook)
        {
            if (webhook.RawBody.Length > MaxBodyBytes)
            {
                throw Rejected("BodyTooLarge", ErrorCategory.LimitsExceeded, $"The callback body is larger than {MaxBodyBytes} bytes.");
            }
            var query = Form(webhook.Url?.Query);
            query.TryGetValue(DanimSession.CallbackTokenParameter, out var token);
            if (string.IsNullOrEmpty(token))
            {
                throw Rejected("MissingToken", ErrorCategory.SecurityError, $"The callback's URL has no {DanimSession.CallbackTokenParameter}.");
            }
            // A GET carries its fields in the query; a POST in its form body.
            var isGet = webhook.RawBody.Length == 0;
            var fields = isGet ? query : Form(webhook.Body);
            fields.TryGetValue("id", out var id);
            var expected = _session.CallbackTokenOf(id);
            // Compared even when no token was issued for the id, so the time does not tell which ids are known.
            var matches = ConstantTime.Equals(expected ?? new string('-', token.Length), token);
            if (expected == null || !matches)
            {
                throw Rejected("InvalidToken", ErrorCategory.SecurityError, "The callback's token is not the one this session issued for the video it names.");
            }
            return new DanimCallbackEvent
            {
                VideoId = id,
                RawUrl = Value(fields, "raw_url"),
                QuicklookUrl = Value(fields, "raw_quicklook_url"),
                ThumbnailUrl = Value(fields, "raw_thumbnail_url"),
                PlayerUrl = Value(fields, "player_url"),
                Method = isGet ? "GET" : "POST",
                ReceivedAt = webhook.ReceivedAt,
            };
        }

        static string Value(Dictionary<string, string> fields, string name) => fields.TryGetValue(name, out var value) ? value : null;

        /// <summary>application/x-www-form-urlencoded pairs (a query string or a form body); the first of a repeated name wins.</summary>
        static Dictionary<string, string> Form(string text)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(text))
            {
                return fields;
            }
            foreach (var pair in text.TrimStart('?').Split('&'))
            {
                if (pair.Length == 0)
                {
                    continue;
                }
                var equals = pair.IndexOf('=');
                var key = Unescape(equals < 0 ? pair : pair.Substring(0, equals));
                var value = equals < 0 ? "" : Unescape(pair.Substring(equals + 1));
                if (!fields.ContainsKey(key))
                {
                    fields[key] = value;
                }
            }
            return fields;
        }

        static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        static AnimationToolsException Rejected(string reason, ErrorCategory category, string message) =>
            new AnimationToolsException("Danim.Webhook." + reason, category, "Callback rejected: " + message);
    }
}
