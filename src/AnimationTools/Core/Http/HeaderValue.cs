using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Checks user input that becomes an HTTP header value: a CR or LF would end the header and start one of the
    /// caller's choosing (header injection), so control characters are refused before any request is sent.
    /// </summary>
    public static class HeaderValue
    {
        /// <summary>True when the value holds no control character other than a tab.</summary>
        public static bool IsSafe(string value) => value == null || value.All(c => c == '\t' || (c >= ' ' && c != '\u007f'));

        /// <summary>Throws <c>{service}.InvalidParameter.{parameter}</c> (InvalidArgument) when the value is unsafe.</summary>
        public static void Check(string service, string parameter, string value)
        {
            if (!IsSafe(value))
            {
                throw new AnimationToolsException($"{service}.InvalidParameter.{parameter}", ErrorCategory.InvalidArgument,
                    $"-{parameter} must not contain line breaks or other control characters: it is sent as an HTTP header.", null, parameter);
            }
        }
    }
}
