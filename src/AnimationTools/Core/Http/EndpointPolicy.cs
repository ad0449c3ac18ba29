using System;
using System.Management.Automation;
using System.Net;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>Endpoints must be absolute HTTPS URLs; plain HTTP is allowed only on loopback (the emulator).</summary>
    public static class EndpointPolicy
    {
        public static Uri Validate(string service, string endpoint, string what = "endpoint")
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new AnimationToolsException(service + ".InvalidEndpoint", ErrorCategory.InvalidArgument,
                    $"The {what} '{Redactor.Redact(endpoint)}' is not an absolute http(s) URL.");
            }
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw new AnimationToolsException(service + ".InsecureEndpoint", ErrorCategory.SecurityError,
                    $"The {what} '{Redactor.Redact(endpoint)}' uses plain HTTP; use HTTPS (HTTP is allowed only on loopback addresses).");
            }
            return uri;
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }
            return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>The endpoint as a base for relative paths: always ends with a slash.</summary>
        public static Uri AsBase(Uri endpoint)
        {
            var text = endpoint.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/") ? text : text + "/");
        }
    }
}
