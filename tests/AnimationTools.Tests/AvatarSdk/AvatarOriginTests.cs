using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>
/// The token and the player id go only to the session's own endpoint: a redirect that points to another host is
/// followed, unsigned; a next page on another host is not followed at all. A small two-origin server plays the service and the other host.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class AvatarOriginTests : IAsyncLifetime
{
    const string Token = "tok-never-leaves-home";
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    TwoOriginServer _server;
    PowerShellHost _shell;
    string _work;

    public async Task InitializeAsync()
    {
        _server = await TwoOriginServer.StartAsync((app, server) =>
        {
            bool Own(HttpContext context) => context.Connection.LocalPort == server.Own.Port;
            object Avatar(string code) => new { code, status = "Completed", name = code, created_on = "2026-12-01T00:00:00Z", thumbnail = $"{server.Own}files/{code}/thumbnail/" };
            app.MapPost("/o/token/", () => Results.Json(new { access_token = Token, token_type = "Bearer", expires_in = 3600 }));
            app.MapGet("/players/{code}/", (string code) => Results.Json(new { code }));
            app.MapGet("/avatars/", (HttpContext context) =>
            {
                if (!Own(context))
                {
                    return Results.Json(new[] { Avatar("second") });
                }
                context.Response.Headers.Link = $"<{server.Foreign}avatars/?page=2>; rel=\"next\"";
                return Results.Json(new[] { Avatar("first") });
            });
            app.MapGet("/avatars/{code}/", (string code) => Results.Json(Avatar(code)));
            app.MapGet("/files/{code}/thumbnail/", (string code) => Results.Redirect($"{server.Foreign}files/{code}/thumbnail.png"));
            app.MapGet("/files/{code}/thumbnail.png", () => Results.Bytes(Png, "image/png"));
        });
        _work = Directory.CreateTempSubdirectory("origin-").FullName;
        _shell = new PowerShellHost();
        _shell.SetVariable("endpoint", _server.Own.AbsoluteUri);
        _shell.SetVariable("work", _work);
        var secret = new System.Security.SecureString();
        foreach (var c in "secret") secret.AppendChar(c);
        _shell.SetVariable("cred", new PSCredential("client", secret));
        _shell.Run("Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -PlayerUid player-1").ThrowOnError();
    }

    public async Task DisposeAsync()
    {
        _shell.Run("Get-AnimationSession | Disconnect-AnimationService");
        _shell.Dispose();
        await _server.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_next_page_on_another_host_is_not_followed()
    {
        var result = _shell.Run("Get-Avatar | ForEach-Object Code");

        Assert.Equal(["first"], result.Output.Select(o => o.ToString()).ToArray());
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.ForeignLink,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        AssertSignedAtHome("/avatars/");
        Assert.Empty(_server.ForeignRequests());
    }

    [Fact]
    public void A_redirect_to_another_host_is_followed_without_the_token()
    {
        var result = _shell.Run("Save-AvatarAsset -AvatarCode first -Asset Thumbnail -Destination $work").ThrowOnError();

        var file = Assert.IsType<FileInfo>(result.Output.Single().BaseObject);
        Assert.Equal(Png, File.ReadAllBytes(file.FullName));
        AssertSignedAtHome("/files/first/thumbnail/");
        AssertNothingSignedAbroad("/files/first/thumbnail.png");
    }

    void AssertSignedAtHome(string pathAndQuery)
    {
        var home = _server.Log.Single(r => r.Port == _server.Own.Port && r.PathAndQuery == pathAndQuery);
        Assert.Equal("Bearer " + Token, home.Headers["Authorization"]);
        Assert.Equal("player-1", home.Headers["X-PlayerUID"]);
    }

    void AssertNothingSignedAbroad(string pathAndQuery)
    {
        var abroad = _server.ForeignRequests();
        Assert.Contains(abroad, r => r.PathAndQuery == pathAndQuery);
        foreach (var request in abroad)
        {
            Assert.False(request.Headers.ContainsKey("Authorization"), $"{request.PathAndQuery} got an Authorization header");
            Assert.False(request.Headers.ContainsKey("X-PlayerUID"), $"{request.PathAndQuery} got the player id");
            Assert.DoesNotContain(request.Headers.Values, v => v.Contains(Token));
        }
    }
}
