using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.Danim
{
    /// <summary>
    /// The write envelope (contract §4): <c>{"success", "data", "message", "meta": {"type", "warnings"}}</c>. Failures
    /// come with HTTP 200, so the body decides, never the status.
    /// </summary>
    static class DanimEnvelope
    {
        /// <summary>The <c>meta.type</c> of a failure envelope; null when the body is no failure envelope.</summary>
        public static bool TryReadFailure(string body, out string type, out string message)
        {
            type = null;
            message = null;
            if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
            {
                return false;
            }
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.False)
                    {
                        return false;
                    }
                    message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    type = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                        && meta.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "Unknown";
                    return true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>The error category of a <c>meta.type</c>.</summary>
        public static ErrorCategory CategoryOf(string type)
        {
            switch (type)
            {
                case "AuthenticationRequired": case "AppDoesNotExist": case "InvalidAppSecret":
                    return ErrorCategory.AuthenticationError;
                case "CommandNotAuthorized": case "InsufficientPlan": case "ApiAppVideoCannotBeLocal":
                    return ErrorCategory.PermissionDenied;
                case "InsufficientCreditsForGeneration":
                    return ErrorCategory.QuotaExceeded;
                case "RateLimitExceeded": case "FileIsTooLarge":
                    return ErrorCategory.LimitsExceeded;
                case "VideoAlreadyExists":
                    return ErrorCategory.ResourceExists;
                case "StateNotAuthorizedOnCreation": case "StateChangeIsNotAuthorized": case "WorkspaceInconsistency":
                    return ErrorCategory.InvalidOperation;
                case "FileCannotBeDownloaded": case "BotNotFound": case "CouldNotSendVideoGenerationSpecs":
                    return ErrorCategory.ResourceUnavailable;
                case "VideoGenerationFailed": case "ImpossibleCompletion":
                    return ErrorCategory.InvalidResult;
                case "InvalidJson": case "MalformedUtf8Characters": case "BadParameter": case "MissingParameter": case "EmptyFile":
                case "FileExtensionIsNotAccepted": case "FileMimeTypeIsNotAccepted": case "FileExtensionCannotBeGuessed": case "FileMimeTypeCannotBeGuessed":
                case "InvalidTemplateDataFileFormat": case "InvalidTemplateDataFileMimeType": case "MissingTemplateDataComposition": case "MissingTemplateDataInput":
                case "EitherTemplateXorTemplateSourceMustBeSet": case "WorkspaceMustBeSet": case "InvalidCompletionUrl": case "InvalidHtmlCodeExtractedFromCompletionUrl":
                    return ErrorCategory.InvalidArgument;
                default:
                    return type != null && type.EndsWith("NotFound", StringComparison.Ordinal) ? ErrorCategory.ObjectNotFound : ErrorCategory.NotSpecified;
            }
        }

        public static string ActionFor(string type)
        {
            switch (type)
            {
                case "AuthenticationRequired": case "AppDoesNotExist": case "InvalidAppSecret":
                    return "Check the app id and secret (app.danim.com/organization/api) and run Connect-Danim again.";
                case "RateLimitExceeded":
                    return "The app's per-minute request quota is used up; wait a minute, or lower the request rate.";
                case "InsufficientCreditsForGeneration":
                    return "The organization has no credits left for a generation; add credits, then start the video again (Start-DanimVideo for a draft).";
                case "MissingTemplateDataInput": case "MissingTemplateDataComposition": case "BadParameter":
                    return "Run Test-DanimTemplateData to see every problem of the template data.";
                default:
                    return null;
            }
        }

        public static AnimationToolsException Error(string type, string message, object target = null) =>
            new AnimationToolsException(DanimSession.ServiceName + "." + type, CategoryOf(type), "Danim: " + Redactor.Redact(message ?? type), null, target)
            {
                RecommendedAction = ActionFor(type),
            };
    }

    /// <summary>
    /// A failure envelope is a failure whatever the HTTP status; <c>RateLimitExceeded</c> (which comes without
    /// Retry-After) is retried with the pipeline's back-off, even for paid requests: the service did nothing.
    /// </summary>
    sealed class DanimResponseClassifier : ResponseClassifier
    {
        public override async Task<bool> IsFailureAsync(HttpResponseMessage response, RequestPolicy request, CancellationToken cancellationToken)
        {
            if (await base.IsFailureAsync(response, request, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
            return (await FailureTypeAsync(response, request).ConfigureAwait(false)) != null;
        }

        public override async Task<bool> IsRetriableAsync(HttpResponseMessage response, RequestPolicy request, CancellationToken cancellationToken)
        {
            if ((await FailureTypeAsync(response, request).ConfigureAwait(false)) == "RateLimitExceeded")
            {
                return true;
            }
            return await base.IsRetriableAsync(response, request, cancellationToken).ConfigureAwait(false);
        }

        static async Task<string> FailureTypeAsync(HttpResponseMessage response, RequestPolicy request)
        {
            if (request.StreamsResponse || response.Content == null)
            {
                return null;
            }
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return null;
            }
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return DanimEnvelope.TryReadFailure(body, out var type, out _) ? type : null;
        }
    }

    /// <summary>Turns a failure envelope into <c>Danim.&lt;meta.type&gt;</c>; other failures keep the core's <c>Danim.Http.Status</c>.</summary>
    sealed class DanimErrorMapper : ServiceErrorMapper
    {
        public DanimErrorMapper()
            : base(DanimSession.ServiceName)
        {
        }

        public override AnimationToolsException FromResponse(HttpRequestMessage request, int status, string reason, string body)
        {
            if (DanimEnvelope.TryReadFailure(body, out var type, out var message))
            {
                var error = DanimEnvelope.Error(type, message);
                error.StatusCode = status;
                return error;
            }
            return base.FromResponse(request, status, reason, body);
        }
    }
}
