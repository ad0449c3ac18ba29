using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Teleport
{
    /// <summary>
    /// The error ids of the Teleport cmdlets, in one place (the docs list them). Besides these the core gives
    /// Teleport.NotConnected, .MissingCredential, .AuthenticationFailed, .Http.&lt;status&gt; (a 422 names its fields),
    /// .Storage.&lt;S3 code&gt;, .Timeout, .ConnectionFailed, .AmbiguousResult, .InvalidResponse, .UploadFailed,
    /// .DownloadFailed and .UnknownStatus.
    /// </summary>
    static class TeleportErrors
    {
        public const string FileNotFound = "Teleport.FileNotFound";
        public const string UnsupportedFileType = "Teleport.UnsupportedFileType";
        public const string NoImages = "Teleport.NoImages";
        public const string CaptureNotFound = "Teleport.CaptureNotFound";
        public const string NotReady = "Teleport.NotReady";
        public const string InvalidETag = "Teleport.Upload.InvalidETag";
        public const string PartsRejected = "Teleport.Upload.Rejected";
        public const string CaptureFailedPrefix = "Teleport.Capture.";

        public static AnimationToolsException NotFound(string eid) =>
            new AnimationToolsException(CaptureNotFound, ErrorCategory.ObjectNotFound, $"There is no capture {eid} in this organisation.", null, eid)
            {
                RecommendedAction = "Get-TeleportCapture lists the captures (Tab completes eids).",
            };

        public static AnimationToolsException Deleted(string eid) =>
            new AnimationToolsException(CaptureNotFound, ErrorCategory.ObjectNotFound, $"Capture {eid} no longer exists (it was deleted).", null, eid);

        public static AnimationToolsException NoShareId(string eid, string state) =>
            new AnimationToolsException(NotReady, ErrorCategory.ResourceUnavailable,
                $"Capture {eid} has no share id yet (it is {state}): metadata and models exist once it is READY.", null, eid)
            {
                RecommendedAction = "Wait for the capture's job (Wait-Job), then ask again.",
            };

        /// <summary>
        /// A failed capture: <c>Teleport.Capture.&lt;Reason&gt;</c> in PascalCase (NOT_ENOUGH_FRAMES →
        /// Teleport.Capture.NotEnoughFrames), Teleport.Capture.Failed without a reason.
        /// </summary>
        public static AnimationToolsException CaptureFailed(string eid, string reason, string description)
        {
            var id = CaptureFailedPrefix + (string.IsNullOrEmpty(reason) ? "Failed" : PascalCase(reason));
            var message = $"Capture {eid} failed" + (string.IsNullOrEmpty(reason) ? "" : " (" + reason + ")") + (string.IsNullOrEmpty(description) ? "." : ": " + description);
            return new AnimationToolsException(id, CategoryOf(reason), message, null, eid)
            {
                RecommendedAction = ActionFor(reason),
            };
        }

        static ErrorCategory CategoryOf(string reason)
        {
            switch (reason)
            {
                case "INPUT_VALIDATION_FAILED":
                case "CONVERSION_FAILED":
                case "NOT_ENOUGH_FRAMES":
                    return ErrorCategory.InvalidData;
                default:
                    return ErrorCategory.InvalidResult;
            }
        }

        static string ActionFor(string reason)
        {
            switch (reason)
            {
                case "NOT_ENOUGH_FRAMES": return "Record a longer, steadier walk-around (or more photos) of the scene and create the capture again.";
                case "INPUT_VALIDATION_FAILED": return "Check that the upload is an .mp4 video or a zip of RGB images, then create the capture again.";
                case "CONVERSION_FAILED": return "Re-encode the video (H.264 .mp4) or export the photos as JPEG, then create the capture again.";
                case "POSE_REFINEMENT_FAILED": return "Give the scene more texture and overlap between views (slower movement, more photos), then create the capture again.";
                default: return "Create the capture again; if it fails again, contact Varjo with the capture's eid.";
            }
        }

        static string PascalCase(string slug)
        {
            var words = slug.Split(new[] { '_', '-', ' ', '.' }, System.StringSplitOptions.RemoveEmptyEntries);
            var text = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1).ToLowerInvariant()));
            var clean = new string(text.Where(char.IsLetterOrDigit).ToArray());
            return clean.Length == 0 ? "Failed" : clean;
        }
    }
}
