using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.HourOne
{
    /// <summary>
    /// FastAPI error bodies (contract §8): <c>{"detail": "text"}</c>, and on 422 <c>{"detail": [{loc, msg, type}]}</c>,
    /// which becomes <c>HourOne.Validation.&lt;field&gt;</c> naming the first field the service refused. 401 is
    /// <c>HourOne.AuthenticationFailed</c>; 409 "not ready" is <c>HourOne.VideoNotReady</c>.
    /// </summary>
    sealed class HourOneErrorMapper : ServiceErrorMapper
    {
        public HourOneErrorMapper()
            : base(HourOneSession.ServiceName)
        {
        }

        public override AnimationToolsException FromResponse(HttpRequestMessage request, int status, string reason, string body)
        {
            var what = $"{request.Method} {Redactor.Redact(request.RequestUri?.AbsolutePath)}";
            if (status == 422 && TryValidationErrors(body, out var field, out var text))
            {
                return new AnimationToolsException($"{Service}.Validation.{field}", ErrorCategory.InvalidArgument,
                    $"Hour One refused {what}: {Redactor.Redact(text)}", null, field)
                {
                    StatusCode = status,
                    RecommendedAction = "Correct the named value and run the command again.",
                };
            }
            var detail = ExtractMessage(body);
            if (status == 401)
            {
                return new AnimationToolsException($"{Service}.AuthenticationFailed", ErrorCategory.AuthenticationError,
                    $"Hour One rejected the API key ({status} {reason} to {what}" + (string.IsNullOrEmpty(detail) ? ")." : ": " + Redactor.Redact(detail) + ")."))
                {
                    StatusCode = status,
                    RecommendedAction = "Generating a new key in Hour One revokes the old one: run Connect-HourOne with the current key.",
                };
            }
            if (status == 409 && detail != null && detail.IndexOf("not ready", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new AnimationToolsException($"{Service}.VideoNotReady", ErrorCategory.InvalidOperation,
                    $"The video is not ready yet ({what}: {detail}).")
                {
                    StatusCode = status,
                    RecommendedAction = "Wait until the video's status is ready (Get-HourOneVideo, or Wait-Job on its job), then run the command again.",
                };
            }
            return base.FromResponse(request, status, reason, body);
        }

        /// <summary>The first refused field (the location without "body"/"query"/"path" and pydantic's model names) and all messages.</summary>
        internal static bool TryValidationErrors(string body, out string field, out string text)
        {
            field = null;
            text = null;
            if (string.IsNullOrWhiteSpace(body))
            {
                return false;
            }
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object
                        || !document.RootElement.TryGetProperty("detail", out var detail)
                        || detail.ValueKind != JsonValueKind.Array)
                    {
                        return false;
                    }
                    var parts = new List<string>();
                    foreach (var error in detail.EnumerateArray())
                    {
                        var path = new List<string>();
                        string first = null;
                        if (error.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
                        {
                            var items = loc.EnumerateArray().ToList();
                            for (var i = 0; i < items.Count; i++)
                            {
                                var item = items[i];
                                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText();
                                if (i == 0 && (name == "body" || name == "query" || name == "path" || name == "header"))
                                {
                                    continue;
                                }
                                if (item.ValueKind == JsonValueKind.String && name.EndsWith("Request"))
                                {
                                    continue;
                                }
                                if (first == null && item.ValueKind == JsonValueKind.String)
                                {
                                    first = name;
                                }
                                path.Add(name);
                            }
                        }
                        field = field ?? first;
                        var message = error.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : error.GetRawText();
                        parts.Add((path.Count == 0 ? "" : string.Join(".", path) + ": ") + message);
                    }
                    field = field ?? "body";
                    text = parts.Count == 0 ? "invalid request" : string.Join("; ", parts);
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
