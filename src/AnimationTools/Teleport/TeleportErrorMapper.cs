using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.Teleport
{
    /// <summary>One problem of a FastAPI validation answer: where (<c>body.parts[1].etag</c>), what, and its type.</summary>
    public sealed class TeleportFieldError
    {
        public TeleportFieldError(string field, IReadOnlyList<object> location, string message, string type)
        {
            Field = field;
            Location = location;
            Message = message;
            Type = type;
        }

        /// <summary>The field as a path without its source: <c>bytesize</c>, <c>parts[1].etag</c>, <c>limit</c>.</summary>
        public string Field { get; }

        /// <summary>The <c>loc</c> as sent: <c>["body", "parts", 1, "etag"]</c>.</summary>
        public IReadOnlyList<object> Location { get; }

        public string Message { get; }

        /// <summary>pydantic's error type, e.g. <c>missing</c>, <c>int_parsing</c>, <c>invalid_etag</c>.</summary>
        public string Type { get; }

        /// <summary>The list index at a position of the location (<c>parts[1]</c> → 1 at position 2), or null.</summary>
        public int? IndexAt(int position) => position < Location.Count && Location[position] is int index ? index : (int?)null;

        public override string ToString() => (string.IsNullOrEmpty(Field) ? "" : Field + ": ") + Message + (string.IsNullOrEmpty(Type) ? "" : " (" + Type + ")");
    }

    /// <summary>A 422 of the Teleport API: every field it names, with the ErrorRecord's target the first of them.</summary>
    public sealed class TeleportValidationException : AnimationToolsException
    {
        public TeleportValidationException(string message, IReadOnlyList<TeleportFieldError> fields)
            : base(TeleportSession.ServiceName + ".Http.422", ErrorCategory.InvalidArgument, message, null, fields.FirstOrDefault()?.Field)
        {
            Fields = fields;
            StatusCode = 422;
            RecommendedAction = "Correct the field the message names.";
        }

        public IReadOnlyList<TeleportFieldError> Fields { get; }
    }

    /// <summary>
    /// Teleport's answers are FastAPI's: <c>{"detail": "text"}</c>, or 422 <c>{"detail": [{"loc", "msg", "type"}]}</c>,
    /// which becomes a <see cref="TeleportValidationException"/> naming each field. Its part URLs are S3's, whose XML
    /// <c>&lt;Error&gt;&lt;Code&gt;</c> becomes <c>Teleport.Storage.&lt;Code&gt;</c> (AccessDenied, NoSuchUpload ...).
    /// </summary>
    sealed class TeleportErrorMapper : ServiceErrorMapper
    {
        static readonly Regex S3Code = new Regex(@"<Code>(?<v>[^<]*)</Code>", RegexOptions.Compiled);
        static readonly Regex S3Message = new Regex(@"<Message>(?<v>[^<]*)</Message>", RegexOptions.Compiled);

        public TeleportErrorMapper()
            : base(TeleportSession.ServiceName)
        {
        }

        public override AnimationToolsException FromResponse(HttpRequestMessage request, int status, string reason, string body)
        {
            var text = body?.TrimStart() ?? "";
            if (text.StartsWith("<", StringComparison.Ordinal) && S3Code.IsMatch(text))
            {
                var code = S3Code.Match(text).Groups["v"].Value;
                var detail = System.Net.WebUtility.HtmlDecode(S3Message.Match(text).Groups["v"].Value);
                return new AnimationToolsException($"{Service}.Storage.{code}", CategoryOf(status),
                    $"The storage service answered {status} {code} to {request.Method} {Redactor.Redact(request.RequestUri?.AbsolutePath)}: {Redactor.Redact(detail)}")
                {
                    StatusCode = status,
                    RecommendedAction = code == "NoSuchUpload"
                        ? "The capture's upload is gone (completed or deleted); check it with Get-TeleportCapture."
                        : ActionFor(status),
                };
            }
            var fields = status == 422 ? FieldErrors(body) : null;
            if (fields != null && fields.Count > 0)
            {
                var message = $"{Service} refused {request.Method} {Redactor.Redact(request.RequestUri?.AbsolutePath)} (422): "
                    + string.Join("; ", fields.Select(f => Redactor.Redact(f.ToString())));
                return new TeleportValidationException(message, fields);
            }
            return base.FromResponse(request, status, reason, body);
        }

        protected override string ActionFor(int status)
        {
            switch (status)
            {
                case 401: return "Check the client id and secret and run Connect-Teleport again.";
                case 404: return "Check the id: Get-TeleportCapture lists the captures of this organisation (metadata exists only once a capture is READY).";
                case 409: return "The capture is not in a state that allows this (its upload may be complete already); check it with Get-TeleportCapture.";
                default: return base.ActionFor(status);
            }
        }

        /// <summary>The problems of a FastAPI 422 body, or null when it is not one.</summary>
        static List<TeleportFieldError> FieldErrors(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object
                        || !document.RootElement.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Array)
                    {
                        return null;
                    }
                    var fields = new List<TeleportFieldError>();
                    foreach (var problem in detail.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object))
                    {
                        var location = new List<object>();
                        if (problem.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var part in loc.EnumerateArray())
                            {
                                location.Add(part.ValueKind == JsonValueKind.Number && part.TryGetInt32(out var index) ? (object)index : part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText());
                            }
                        }
                        fields.Add(new TeleportFieldError(FieldOf(location), location, Text(problem, "msg"), Text(problem, "type")));
                    }
                    return fields;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        static string Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;

        /// <summary><c>["body","parts",1,"etag"]</c> → <c>parts[1].etag</c>: the source (body, query, path) is left out.</summary>
        static string FieldOf(List<object> location)
        {
            var skip = location.Count > 1 && location[0] is string first && (first == "body" || first == "query" || first == "path" || first == "header") ? 1 : 0;
            var text = new System.Text.StringBuilder();
            foreach (var part in location.Skip(skip))
            {
                if (part is int index)
                {
                    text.Append('[').Append(index).Append(']');
                }
                else
                {
                    if (text.Length > 0)
                    {
                        text.Append('.');
                    }
                    text.Append(part);
                }
            }
            return text.Length == 0 && location.Count > 0 ? location[0]?.ToString() : text.ToString();
        }
    }
}
