using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>The organisation webhook: READY and ERROR events signed with HMAC-SHA256 over the raw body, retried on failure.</summary>
public sealed class TeleportWebhookTests : TeleportTestBase
{
    const string Secret = "whsec_test_secret";

    readonly WebhookReceiver _receiver = new();

    public TeleportWebhookTests(EmulatorFixture emulator) : base(emulator)
    {
        Api.SignIn();
        Emulator.Control("teleport/webhook", new { url = _receiver.Url, secret = Secret });
    }

    static bool Verifies(byte[] body, string signature, string secret)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    [Fact]
    public void A_ready_capture_is_announced_with_a_signature_over_the_raw_body()
    {
        var capture = Api.Upload("lobby.mp4", TeleportApi.Bytes(100));
        var (body, headers) = _receiver.Next();

        var signature = headers["X-Teleport-Signature"];
        Assert.Matches("^[0-9a-f]{64}$", signature);
        Assert.True(Verifies(body, signature, Secret), "the signature does not verify with the secret");
        Assert.False(Verifies(body, signature, "another secret"));
        var tampered = (byte[])body.Clone();
        tampered[^2] ^= 1;
        Assert.False(Verifies(tampered, signature, Secret));
        Assert.StartsWith("application/json", headers["Content-Type"]);

        var evt = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["eid", "sid", "state"], evt.EnumerateObject().Select(p => p.Name));
        Assert.Equal(capture.GetProperty("eid").GetString(), evt.GetProperty("eid").GetString());
        Assert.Equal(capture.GetProperty("sid").GetString(), evt.GetProperty("sid").GetString());
        Assert.Equal("READY", evt.GetProperty("state").GetString());
        // Sent once processing ended: the capture is READY by then.
        Assert.Equal("READY", Api.Find(evt.GetProperty("eid").GetString()).Value.GetProperty("state").GetString());
    }

    [Fact]
    public void A_failed_capture_is_announced_as_ERROR_with_its_reason()
    {
        Emulator.Control("teleport/next-capture", new { errorReason = "NOT_ENOUGH_FRAMES" });
        Api.Upload("dark.mp4", TeleportApi.Bytes(100));
        var (body, headers) = _receiver.Next();
        Assert.True(Verifies(body, headers["X-Teleport-Signature"], Secret));
        var evt = JsonDocument.Parse(body).RootElement;
        Assert.Equal("ERROR", evt.GetProperty("state").GetString());
        Assert.Equal("NOT_ENOUGH_FRAMES", evt.GetProperty("error_reason").GetString());
    }

    [Fact]
    public void A_refused_delivery_is_retried_and_every_attempt_is_recorded()
    {
        _receiver.AnswerNext(500, 503);
        var eid = Api.Upload("retry.mp4", TeleportApi.Bytes(100)).GetProperty("eid").GetString();
        var bodies = Enumerable.Range(0, 3).Select(_ => _receiver.Next(TimeSpan.FromSeconds(5), () => Emulator.ControlGet("teleport/webhook-deliveries").GetRawText()).Body).ToList();
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));

        var deliveries = Emulator.ControlGet("teleport/webhook-deliveries").EnumerateArray().ToList();
        Assert.Equal([500, 503, 200], deliveries.Select(d => d.GetProperty("status").GetInt32()));
        Assert.Equal([1, 2, 3], deliveries.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.True(deliveries[2].GetProperty("succeeded").GetBoolean());
        Assert.All(deliveries, d => Assert.Equal(eid, d.GetProperty("eid").GetString()));
        var gap = deliveries[1].GetProperty("at").GetDateTimeOffset() - deliveries[0].GetProperty("at").GetDateTimeOffset();
        Assert.True(gap >= TimeSpan.FromMilliseconds(90), $"retried after {gap.TotalMilliseconds} ms");
    }

    [Fact]
    public void Changing_the_URL_keeps_the_signing_secret_and_a_new_registration_gets_one()
    {
        Emulator.Control("teleport/webhook", new { url = _receiver.Url + "moved" });
        var registration = Emulator.ControlGet("teleport/webhook").EnumerateArray().Single();
        Assert.Equal(Secret, registration.GetProperty("secret").GetString());

        Emulator.Reset();
        Emulator.Control("teleport/webhook", new { url = _receiver.Url });
        Assert.StartsWith("whsec_", Emulator.ControlGet("teleport/webhook").EnumerateArray().Single().GetProperty("secret").GetString());
    }

    public override void Dispose()
    {
        _receiver.Dispose();
        base.Dispose();
    }
}
