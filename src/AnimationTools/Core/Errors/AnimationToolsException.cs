using System;
using System.Management.Automation;

namespace AnimationTools.Core.Errors
{
    /// <summary>
    /// A failure with a stable ErrorId and an ErrorCategory, turned into an ErrorRecord at the cmdlet edge.
    /// </summary>
    public class AnimationToolsException : Exception
    {
        public AnimationToolsException(string errorId, ErrorCategory category, string message, Exception inner = null, object target = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        /// <summary>Stable identifier such as <c>DeepMotion.Job.513</c> or <c>DeepMotion.Http.401</c>.</summary>
        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        public object Target { get; set; }

        /// <summary>HTTP status of the response that caused the error, when there was one.</summary>
        public int? StatusCode { get; set; }

        /// <summary>True when the connection failed or timed out (no HTTP answer), as opposed to an error answer.</summary>
        public bool IsTransportFailure { get; set; }

        /// <summary>How long the service asked to wait before trying again (Retry-After), when it asked for longer than the session allows.</summary>
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>A person's next step, shown as the error's RecommendedAction.</summary>
        public string RecommendedAction { get; set; }

        public ErrorRecord ToErrorRecord()
        {
            var record = new ErrorRecord(this, ErrorId, Category, Target);
            if (!string.IsNullOrEmpty(RecommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(Message) { RecommendedAction = RecommendedAction };
            }
            return record;
        }
    }

    /// <summary>
    /// A request that may or may not have been carried out by the service: the connection broke or timed out after the
    /// request was sent. Paid work must be reconciled (looked up) before anything is sent again.
    /// </summary>
    public sealed class AmbiguousRequestException : AnimationToolsException
    {
        public AmbiguousRequestException(string errorId, string message, Exception inner)
            : base(errorId, ErrorCategory.ConnectionError, message, inner)
        {
        }

        /// <summary>Ids of work that may be the result, when a lookup found several alike and could not tell which.</summary>
        public System.Collections.Generic.IReadOnlyList<string> Candidates { get; set; } = new string[0];
    }
}
