using System;
using System.Security.Cryptography;
using System.Text;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// HMAC-SHA256 signatures of webhook bodies (Teleport, Hour One): computed over the raw body bytes as received,
    /// written as lowercase hex, and compared in constant time, so nothing needs to parse a body before it is trusted.
    /// </summary>
    public static class HmacSignature
    {
        /// <summary>The lowercase hex HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="key"/>.</summary>
        public static string Sha256Hex(byte[] key, byte[] body)
        {
            using (var hmac = new HMACSHA256(key))
            {
                var hash = hmac.ComputeHash(body ?? new byte[0]);
                var hex = new StringBuilder(hash.Length * 2);
                foreach (var b in hash)
                {
                    hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
                return hex.ToString();
            }
        }

        /// <summary>
        /// Whether <paramref name="signature"/> (a header's value; surrounding spaces and an upper-case spelling of the
        /// hex are tolerated) is the body's HMAC-SHA256 with this key. The comparison takes the same time wherever the
        /// values differ.
        /// </summary>
        public static bool Matches(byte[] key, byte[] body, string signature)
        {
            if (key == null || key.Length == 0 || string.IsNullOrWhiteSpace(signature))
            {
                return false;
            }
            return ConstantTime.Equals(Sha256Hex(key, body), signature.Trim().ToLowerInvariant());
        }
    }
}
