using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.AvatarSdk
{
    /// <summary>
    /// Django REST Framework error bodies (contract §1): <c>{"detail"}</c>, or field errors
    /// <c>{"field": ["message"]}</c> which become "field: message" in the error text.
    /// </summary>
    sealed class AvatarSdkErrorMapper : ServiceErrorMapper
    {
        public AvatarSdkErrorMapper()
            : base(AvatarSdkSession.ServiceName)
        {
        }

        public override AnimationToolsException FromResponse(HttpRequestMessage request, int status, string reason, string body)
        {
            var fields = FieldErrors(body);
            return base.FromResponse(request, status, reason, fields ?? body);
        }

        protected override string ActionFor(int status)
        {
            switch (status)
            {
                case 403: return "In client access mode every request needs a valid player: connect with -PlayerUid or -NewPlayer.";
                case 429: return "The service throttles this client; wait, or lower the request rate (client access mode limits per player).";
                default: return base.ActionFor(status);
            }
        }

        static string FieldErrors(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("detail", out _))
                    {
                        return null;
                    }
                    var parts = new List<string>();
                    foreach (var property in root.EnumerateObject())
                    {
                        var messages = property.Value.ValueKind == JsonValueKind.Array
                            ? property.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText())
                            : new[] { property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText() };
                        parts.Add((property.Name == "non_field_errors" ? "" : property.Name + ": ") + string.Join(" ", messages));
                    }
                    return parts.Count == 0 ? null : string.Join("; ", parts);
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
