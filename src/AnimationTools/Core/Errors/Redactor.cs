using System;
using System.Text.RegularExpressions;

namespace AnimationTools.Core.Errors
{
    /// <summary>Removes secrets (tokens, cookies, keys, passwords) from text before it reaches any stream.</summary>
    public static class Redactor
    {
        public const string Mask = "***";

        static readonly string[] SensitiveNames =
        {
            "authorization", "cookie", "set-cookie", "dmsess", "access_token", "refresh_token", "token", "client_secret",
            "secret", "password", "api-key", "apikey", "x-app-secret", "appsecret", "signature", "x-goog-signature",
        };

        static readonly Regex QueryPair = new Regex(
            @"(?<name>[A-Za-z0-9_.\-]*(token|secret|password|signature|key|sig|credential)[A-Za-z0-9_.\-]*)=(?<value>[^&\s""']+)",
            RegexOptions.IgnoreCase | RegexOptions.Compiled);

        static readonly Regex CookiePair = new Regex(@"(?<name>dmsess)=(?<value>[^;\s""']+)", RegexOptions.IgnoreCase | RegexOptions.Compiled);

        static readonly Regex UserInfo = new Regex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?<userinfo>[^/?#@\s]+)@", RegexOptions.Compiled);

        static readonly Regex BearerOrBasic = new Regex(@"\b(?<scheme>Bearer|Basic)\s+(?<value>[A-Za-z0-9\-._~+/=]+)", RegexOptions.IgnoreCase | RegexOptions.Compiled);

        public static bool IsSensitiveHeader(string name)
        {
            foreach (var sensitive in SensitiveNames)
            {
                if (string.Equals(name, sensitive, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Masks user info of URLs, query values, cookie values and credentials inside free text or a URL.</summary>
        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }
            text = UserInfo.Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
            text = QueryPair.Replace(text, m => m.Groups["name"].Value + "=" + Mask);
            text = CookiePair.Replace(text, m => m.Groups["name"].Value + "=" + Mask);
            text = BearerOrBasic.Replace(text, m => m.Groups["scheme"].Value + " " + Mask);
            return text;
        }

        /// <summary>Also masks any literal secret values known to the caller (a client secret, a session cookie).</summary>
        public static string Redact(string text, params string[] secrets)
        {
            text = Redact(text);
            if (text == null || secrets == null)
            {
                return text;
            }
            foreach (var secret in secrets)
            {
                if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
                {
                    text = text.Replace(secret, Mask);
                }
            }
            return text;
        }
    }
}
