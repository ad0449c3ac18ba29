using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// What an id a service gave (a request id, an avatar or export code, a model id, a pipeline name ...) may look like
    /// before it becomes part of a request's path: 1 to 256 ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and
    /// <c>~</c>, not starting with a dot and never containing <c>..</c>. Everything else (control characters, <c>/</c>,
    /// <c>\</c>, <c>?</c>, <c>#</c>, <c>%</c>, spaces, quotes, <c>..</c> traversal) is refused before any request: such a
    /// value is no id of any service, and refusing it is safer than trusting every layer's encoding.
    /// </summary>
    public static class RemoteId
    {
        public const int MaxLength = 256;

        public static bool IsValid(string value)
        {
            if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value[0] == '.' || value.Contains(".."))
            {
                return false;
            }
            return value.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~');
        }

        /// <summary>Why a value is refused, showing it with control characters escaped and shortened.</summary>
        public static string Describe(string value) =>
            $"'{Printable(value)}' is not an id of the service: ids are 1 to {MaxLength} letters, digits, '-', '_', '.' or '~' (no '..', no leading '.').";

        /// <summary>Throws <c>{service}.InvalidParameter.{parameter}</c> (InvalidArgument) when the value is not a valid id.</summary>
        public static void Check(string service, string parameter, string value)
        {
            if (value != null && !IsValid(value))
            {
                throw new AnimationToolsException($"{service}.InvalidParameter.{parameter}", ErrorCategory.InvalidArgument,
                    $"-{parameter}: " + Describe(value), null, parameter);
            }
        }

        static string Printable(string value)
        {
            var text = new StringBuilder();
            foreach (var c in value.Length > 64 ? value.Substring(0, 64) : value)
            {
                text.Append(c < ' ' || c == '\u007f' ? $"\\u{(int)c:x4}" : c.ToString());
            }
            return value.Length > 64 ? text.Append("...").ToString() : text.ToString();
        }
    }

    /// <summary>
    /// Refuses, at parameter binding and so before any request, a value that is no id of a service
    /// (<see cref="RemoteId"/>): put it on every parameter whose value becomes part of a request's path.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class ValidateRemoteIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var value = (element is PSObject wrapped ? wrapped.BaseObject : element)?.ToString();
            if (!RemoteId.IsValid(value))
            {
                throw new ValidationMetadataException(RemoteId.Describe(value ?? ""));
            }
        }
    }
}
