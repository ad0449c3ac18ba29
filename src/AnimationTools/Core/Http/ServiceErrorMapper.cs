using System;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Turns an unsuccessful HTTP response into an AnimationToolsException with ErrorId <c>Service.Http.Status</c>.
    /// Services whose error bodies carry more (codes, field errors) derive from it.
    /// </summary>
    public class ServiceErrorMapper
    {
        public ServiceErrorMapper(string service)
        {
            Service = service;
        }

        public string Service { get; }

        public virtual AnimationToolsException FromResponse(HttpRequestMessage request, int status, string reason, string body)
        {
            var detail = ExtractMessage(body);
            var message = $"{Service} answered {status} {reason} to {request.Method} {Redactor.Redact(request.RequestUri?.AbsolutePath)}";
            if (!string.IsNullOrWhiteSpace(detail))
            {
                message += ": " + Redactor.Redact(detail);
            }
            return new AnimationToolsException($"{Service}.Http.{status}", CategoryOf(status), message)
            {
                StatusCode = status,
                RecommendedAction = ActionFor(status),
            };
        }

        public static ErrorCategory CategoryOf(int status)
        {
            switch (status)
            {
                case 400: case 422: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 402: return ErrorCategory.QuotaExceeded;
                case 403: return ErrorCategory.PermissionDenied;
                case 404: case 410: return ErrorCategory.ObjectNotFound;
                case 408: case 504: return ErrorCategory.OperationTimeout;
                case 409: return ErrorCategory.ResourceExists;
                case 413: return ErrorCategory.LimitsExceeded;
                case 429: return ErrorCategory.LimitsExceeded;
                default: return status >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation;
            }
        }

        protected virtual string ActionFor(int status)
        {
            switch (status)
            {
                case 401: return $"Check the credential and run Connect-{Service} again.";
                case 402: return "The account has too few credits for this request.";
                case 429: return "The service is throttling requests; try again later or lower the request rate.";
                default: return status >= 500 ? "The service failed; try again later." : null;
            }
        }

        /// <summary>Reads the usual error fields (message, detail, error_description, error) or returns the text itself.</summary>
        public static string ExtractMessage(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var name in new[] { "message", "detail", "error_description", "error", "msg" })
                        {
                            if (document.RootElement.TryGetProperty(name, out var value))
                            {
                                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                            }
                        }
                    }
                }
            }
            catch (JsonException)
            {
            }
            var text = body.Trim();
            return text.Length > 300 ? text.Substring(0, 300) + "..." : text;
        }
    }
}
