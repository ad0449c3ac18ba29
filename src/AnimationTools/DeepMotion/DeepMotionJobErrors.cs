using System.Collections.Generic;
using System.Management.Automation;
using System.Text.RegularExpressions;
using AnimationTools.Core.Errors;

namespace AnimationTools.DeepMotion
{
    /// <summary>
    /// DeepMotion's job failure codes (contract §11). They are not HTTP statuses: 503 here means "Error processing the
    /// parameters", never "service unavailable".
    /// </summary>
    public static class DeepMotionJobErrors
    {
        public static readonly IReadOnlyDictionary<int, string> Meanings = new Dictionary<int, string>
        {
            [201] = "Error downloading the video or DM asset",
            [202] = "Error converting the video",
            [503] = "Error processing the parameters",
            [504] = "Error loading the character assets",
            [505] = "Physics Filter is incompatible with the custom characters",
            [506] = "Error creating the pose estimation",
            [507] = "Error while processing the body tracking",
            [508] = "Input video or image doesn't meet the requirements to generate animations of good quality",
            [509] = "Error loading the configurations",
            [510] = "Error open internal files",
            [511] = "Processing interrupted",
            [513] = "Failed to detect character in the video",
            [599] = "Body tracking timeout",
            [701] = "Error processing the face tracking",
            [799] = "Face tracking timeout",
            [901] = "Error loading the mesh of the custom character",
            [902] = "Error loading the BVH custom character",
            [903] = "Error copying animations onto the custom character",
            [904] = "Error exporting animations for the custom character",
            [905] = "Custom character doesn't include skinned mesh information",
            [906] = "More than half of the required blendshapes are missing",
            [907] = "Error loading facial definition for the custom character",
            [908] = "Error loading facial tracking data",
            [909] = "Error loading the metadata of the custom character",
            [999] = "Animation baking timeout",
            [1301] = "Error creating the hand estimation",
            [1302] = "Error creating the hand estimation",
            [1303] = "Error creating the hand estimation",
            [1304] = "Error opening the video",
            [1305] = "Error parsing video path",
            [1306] = "Error loading internal files",
            [1307] = "Error processing hand tracking",
            [1308] = "Error processing the video",
            [1399] = "Hand tracking timeout",
        };

        static readonly Regex CodePattern = new Regex(@"\b(\d{3,4})\b", RegexOptions.Compiled);

        /// <summary>The error of a FAILURE status: ErrorId <c>DeepMotion.Job.&lt;code&gt;</c>, or <c>DeepMotion.Job.Failed</c> without a known code.</summary>
        public static AnimationToolsException FromFailure(string rid, string exceptionType, string exceptionMessage)
        {
            var code = FindCode(exceptionType) ?? FindCode(exceptionMessage);
            var detail = !string.IsNullOrWhiteSpace(exceptionMessage) ? exceptionMessage : exceptionType;
            if (code.HasValue)
            {
                var meaning = Meanings[code.Value];
                return new AnimationToolsException($"DeepMotion.Job.{code.Value}", CategoryOf(code.Value),
                    $"DeepMotion job {rid} failed with error {code.Value}: {meaning}.", null, rid)
                {
                    RecommendedAction = ActionFor(code.Value),
                };
            }
            return new AnimationToolsException("DeepMotion.Job.Failed", ErrorCategory.InvalidResult,
                $"DeepMotion job {rid} failed" + (string.IsNullOrWhiteSpace(detail) ? "." : ": " + Redactor.Redact(detail)), null, rid);
        }

        static int? FindCode(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            foreach (Match match in CodePattern.Matches(text))
            {
                if (int.TryParse(match.Groups[1].Value, out var code) && Meanings.ContainsKey(code))
                {
                    return code;
                }
            }
            return null;
        }

        static ErrorCategory CategoryOf(int code)
        {
            if (code == 599 || code == 799 || code == 999 || code == 1399)
            {
                return ErrorCategory.OperationTimeout;
            }
            if (code == 511)
            {
                return ErrorCategory.OperationStopped;
            }
            if (code == 201 || code == 202 || code == 508 || code == 513 || code == 1304 || code == 1305)
            {
                return ErrorCategory.InvalidData;
            }
            if (code == 503 || code == 505)
            {
                return ErrorCategory.InvalidArgument;
            }
            if (code >= 900 && code < 1000)
            {
                return ErrorCategory.InvalidData;
            }
            return ErrorCategory.InvalidResult;
        }

        static string ActionFor(int code)
        {
            switch (code)
            {
                case 505: return "Run the job again without -Simulation (the physics filter) or with a stock character.";
                case 508:
                case 513: return "Use a video with one person fully in view, well lit, on a steady camera.";
                case 503: return "Check the job's parameters.";
                default:
                    if (code >= 900 && code < 1000) return "Check the custom character (rig, skinned mesh, blendshapes) and upload it again.";
                    return code == 599 || code == 799 || code == 999 || code == 1399 ? "Try a shorter video or run the job again." : null;
            }
        }
    }
}
