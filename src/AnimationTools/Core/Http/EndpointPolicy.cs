using System;
using System.Management.Automation;
using System.Net;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Endpoints must be absolute HTTPS URLs without user info; plain HTTP is allowed only on loopback (the emulator).
    /// URLs that a service's answer hands us (signed upload URLs, result links, upload sessions) follow the same rule.
    /// </summary>
    public static class EndpointPolicy
    {
        public static Uri Validate(string service, string endpoint, string what = "endpoint")
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new AnimationToolsException(service + ".InvalidEndpoint", ErrorCategory.InvalidArgument,
                    $"The {what} '{Redactor.Redact(endpoint)}' is not an absolute http(s) URL.");
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                // The URL would carry a password into logs, the session's Endpoint and every request: refuse it, unrepeated.
                throw new AnimationToolsException(service + ".InvalidEndpoint", ErrorCategory.InvalidArgument,
                    $"The {what} '{WithoutUserInfo(uri)}' must not contain a user name or password; give the credential with -Credential (or -ClientId and -ClientSecret).");
            }
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw new AnimationToolsException(service + ".InsecureEndpoint", ErrorCategory.SecurityError,
                    $"The {what} '{Redactor.Redact(endpoint)}' uses plain HTTP; use HTTPS (HTTP is allowed only on loopback addresses).");
            }
            return uri;
        }

        /// <summary>
        /// Checks a URL that came in a service's answer before anything is sent to it: absolute, HTTPS (HTTP only on
        /// loopback), no user info. Anything else (<c>ftp:</c>, a relative or file path, <c>javascript:</c> ...) is
        /// <c>Service.InvalidResponse</c>.
        /// </summary>
        public static Uri ValidateResponseUrl(string service, string url, string what)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                throw InvalidResponse(service, $"{service} sent no {what}.");
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.IsUnc)
            {
                throw InvalidResponse(service, $"{service} sent a {what} that is not an absolute http(s) URL: '{Shorten(Redactor.Redact(url))}'.");
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw InvalidResponse(service, $"{service} sent a {what} with user info: '{WithoutUserInfo(uri)}'.");
            }
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw InvalidResponse(service, $"{service} sent a plain-HTTP {what} ('{Redactor.Redact(uri.GetLeftPart(UriPartial.Path))}'); only HTTPS is followed off loopback.");
            }
            return uri;
        }

        static AnimationToolsException InvalidResponse(string service, string message) =>
            new AnimationToolsException(service + ".InvalidResponse", ErrorCategory.InvalidResult, message);

        static string Shorten(string text) => text.Length > 200 ? text.Substring(0, 200) + "..." : text;

        /// <summary>The URL with its user info (and query) left out, safe to show.</summary>
        static string WithoutUserInfo(Uri uri) => uri.Scheme + "://" + Redactor.Mask + "@" + uri.Authority + uri.AbsolutePath;

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
