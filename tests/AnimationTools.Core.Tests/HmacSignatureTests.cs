using System.Text;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Core.Tests;

/// <summary>HMAC-SHA256 of raw bodies in lowercase hex, compared in constant time.</summary>
public sealed class HmacSignatureTests
{
    // RFC 4231, test case 2.
    static readonly byte[] Key = Encoding.ASCII.GetBytes("Jefe");
    static readonly byte[] Body = Encoding.ASCII.GetBytes("what do ya want for nothing?");
    const string Expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    [Fact]
    public void The_signature_is_the_lowercase_hex_HMAC_SHA256_of_the_bytes()
    {
        Assert.Equal(Expected, HmacSignature.Sha256Hex(Key, Body));
        Assert.True(HmacSignature.Matches(Key, Body, Expected));
        Assert.True(HmacSignature.Matches(Key, Body, " " + Expected.ToUpperInvariant() + " "));
    }

    [Fact]
    public void Other_bytes_keys_or_signatures_do_not_match()
    {
        Assert.False(HmacSignature.Matches(Key, Encoding.ASCII.GetBytes("what do ya want for nothing? "), Expected));
        Assert.False(HmacSignature.Matches(Encoding.ASCII.GetBytes("jefe"), Body, Expected));
        Assert.False(HmacSignature.Matches(Key, Body, Expected[..^1]));
        Assert.False(HmacSignature.Matches(Key, Body, ""));
        Assert.False(HmacSignature.Matches(new byte[0], Body, Expected));
    }
}
