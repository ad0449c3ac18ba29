using System.Net;
using System.Text;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>The sign-in service (OAuth2 client credentials) and the bearer token every API call needs.</summary>
public sealed class TeleportTokenTests : TeleportTestBase
{
    public TeleportTokenTests(EmulatorFixture emulator) : base(emulator) { }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_JSON_or_form_body_gets_a_bearer_token_for_an_hour(bool json)
    {
        var answer = TeleportApi.Json(Api.RequestToken(json: json), HttpStatusCode.OK);
        Assert.Equal("bearer", answer.GetProperty("token_type").GetString());
        Assert.Equal(3600, answer.GetProperty("expires_in").GetInt32());

        // Shaped like the sign-in service's JWTs: the exp claim says when it ends.
        var token = answer.GetProperty("access_token").GetString();
        var claims = token.Split('.')[1];
        claims = claims.Replace('-', '+').Replace('_', '/').PadRight(claims.Length + (4 - claims.Length % 4) % 4, '=');
        var exp = JsonDocument.Parse(Convert.FromBase64String(claims)).RootElement.GetProperty("exp").GetInt64();
        Assert.InRange(exp - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3590, 3610);

        Api.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, Api.Send(HttpMethod.Get, "/api/v1/captures").StatusCode);
    }

    [Fact]
    public void Bad_credentials_and_grants_are_OAuth2_errors()
    {
        var bad = Api.RequestToken(secret: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("invalid_client", TeleportApi.Json(bad, HttpStatusCode.Unauthorized).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, Api.RequestToken(clientId: "nobody", json: false).StatusCode);

        var grant = Api.Http.PostAsync(Emulator.TeleportTokenUrl, new StringContent(
            """{"grant_type":"password","client_id":"demo","client_secret":"demo-secret"}""", Encoding.UTF8, "application/json")).Result;
        Assert.Equal("unsupported_grant_type", TeleportApi.Json(grant, HttpStatusCode.BadRequest).GetProperty("error").GetString());
    }

    [Fact]
    public void The_API_needs_a_valid_unexpired_bearer_token()
    {
        var none = Api.Send(HttpMethod.Get, "/api/v1/captures");
        Assert.Equal("Not authenticated", TeleportApi.Json(none, HttpStatusCode.Unauthorized).GetProperty("detail").GetString());
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        Api.Http.DefaultRequestHeaders.Authorization = new("Bearer", "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, Api.Send(HttpMethod.Get, "/api/v1/captures").StatusCode);

        Api.SignIn();
        Assert.Equal(HttpStatusCode.OK, Api.Send(HttpMethod.Get, "/api/v1/captures").StatusCode);
        Emulator.Control("teleport/tokens/expire");
        Assert.Equal(HttpStatusCode.Unauthorized, Api.Send(HttpMethod.Get, "/api/v1/captures").StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, Api.Send(HttpMethod.Get, "/share/x/metadata").StatusCode);
    }

    [Fact]
    public void A_token_ends_after_the_configured_lifetime()
    {
        Configure(new { tokenLifetimeSeconds = 1 });
        var answer = TeleportApi.Json(Api.RequestToken(), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("expires_in").GetInt32());
        Api.Http.DefaultRequestHeaders.Authorization = new("Bearer", answer.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, Api.Send(HttpMethod.Get, "/api/v1/captures").StatusCode);

        Thread.Sleep(1100);
        Assert.Equal(HttpStatusCode.Unauthorized, Api.Send(HttpMethod.Get, "/api/v1/captures").StatusCode);
        Assert.Equal(1, Emulator.ControlGet("teleport/tokens").GetProperty("issued").GetInt32());
    }
}
