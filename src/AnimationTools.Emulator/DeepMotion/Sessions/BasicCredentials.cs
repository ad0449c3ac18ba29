using System.Net.Http.Headers;
using System.Text;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Client id and secret from an <c>Authorization: Basic</c> header.</summary>
internal readonly record struct BasicCredentials(string ClientId, string Secret)
{
    public static BasicCredentials? Parse(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(value.Parameter))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':');
        return colon < 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }
}
