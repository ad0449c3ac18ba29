using System.Management.Automation;
using System.Text;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>OAuth2 tokens (renewal before expiry and after revocation), client access mode, and secrets that never leak.</summary>
public sealed class AvatarAccessTests : AvatarSdkTestBase
{
    public AvatarAccessTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Connect_gets_a_token_with_the_client_credentials_grant()
    {
        var result = Connect("-PassThru");
        var session = result.Output.Single();
        Assert.Equal("AvatarSdk", session.Properties["Service"].Value);
        Assert.Equal("Developer", session.Properties["AccessMode"].Value);
        Assert.NotNull(session.Properties["TokenExpires"].Value);

        var token = Assert.Single(Requests());
        Assert.Equal("POST", token.Method);
        Assert.Equal("/avatarsdk/o/token/", token.Path);
        Assert.Equal(["client_credentials"], token.Form["grant_type"]);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:demo-secret")), token.Headers["Authorization"]);
    }

    [Fact]
    public void The_token_is_renewed_before_it_expires_while_a_job_runs()
    {
        // Renewal starts when a tenth of the lifetime is left: 0.4 s here, room enough for a loaded machine.
        Configure(new { tokenLifetimeSeconds = 4, computingMs = 9000 });
        Connect();
        var result = Shell.Run("New-Avatar -Photo ./me.jpg | Wait-Job | Receive-Job").ThrowOnError();
        Assert.Equal("Completed", result.Output.Single().Properties["Status"].Value);

        var requests = Requests();
        Assert.True(requests.Count(r => r.Path == "/avatarsdk/o/token/") >= 3, "the 4 s token was not renewed during a 9 s run");
        // Renewed before expiry: no request was ever refused for an expired token.
        Assert.DoesNotContain(requests, r => r.Status == 401);
        var tokens = requests.Where(r => r.Path != "/avatarsdk/o/token/").Select(r => r.Headers["Authorization"]).Distinct().Count();
        Assert.True(tokens >= 2, "every request used the same token");
    }

    [Fact]
    public void A_revoked_token_is_renewed_once_and_the_request_replayed()
    {
        Connect();
        Seed(1);
        Emulator.Control("avatarsdk/tokens/expire");

        var result = Shell.Run("Get-Avatar").ThrowOnError();
        Assert.Single(result.Output);
        var requests = Requests().Skip(1).ToList();
        Assert.Equal(["/avatarsdk/avatars/", "/avatarsdk/o/token/", "/avatarsdk/avatars/"], requests.Select(r => r.Path).ToArray());
        Assert.Equal(new int?[] { 401, 200, 200 }, requests.Select(r => r.Status).ToArray());
    }

    [Fact]
    public void Bad_credentials_fail_at_connect_with_a_typed_error()
    {
        Shell.SetVariable("bad", new PSCredential("demo", ToSecure("wrong")));
        var result = Shell.Run("Connect-AvatarSdk -Credential $bad -Endpoint $endpoint -PassThru");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.AuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Empty(Shell.Run("Get-AnimationSession").ThrowOnError().Output);
    }

    [Fact]
    public void Credentials_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable("AVATARSDK_CLIENT_ID", "demo");
        Environment.SetEnvironmentVariable("AVATARSDK_CLIENT_SECRET", "demo-secret");
        try
        {
            var result = Shell.Run("Connect-AvatarSdk -Endpoint $endpoint -PassThru").ThrowOnError();
            Assert.Equal("demo", result.Output.Single().Properties["ClientId"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AVATARSDK_CLIENT_ID", null);
            Environment.SetEnvironmentVariable("AVATARSDK_CLIENT_SECRET", null);
        }
    }

    [Fact]
    public void In_client_access_mode_a_player_sees_only_its_own_avatars()
    {
        Configure(new { clientAccess = true });
        var result = Shell.Run("""
            $alice = Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -NewPlayer -PlayerComment alice -PollIntervalSeconds 0.1 -PassThru
            $bob = Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -NewPlayer -PlayerComment bob -PollIntervalSeconds 0.1 -PassThru
            $avatar = New-Avatar -Photo ./me.jpg -Name mine -Session $alice | Wait-Job | Receive-Job
            $avatar.Code
            (Get-Avatar -Session $alice).Count
            (Get-Avatar -Session $bob).Count
            $alice.AccessMode
            $alice.PlayerUid
            $bob.PlayerUid
            """).ThrowOnError();
        var code = (string)result.Output[0].BaseObject;
        Assert.Equal(1, result.Output[1].BaseObject);
        Assert.Equal(0, result.Output[2].BaseObject);
        Assert.Equal("Client", result.Output[3].BaseObject);
        var alice = (string)result.Output[4].BaseObject;
        var bob = (string)result.Output[5].BaseObject;

        var denied = Shell.Run($"Get-Avatar -Code {code} -Session $bob");
        var error = Assert.Single(denied.Errors);
        Assert.StartsWith("AvatarSdk.Http.404", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Single(Shell.Run($"Get-Avatar -Code {code} -Session $alice").ThrowOnError().Output);

        // Every request after registration was signed with the session's player.
        var signed = Requests().Where(r => r.Path != "/avatarsdk/o/token/" && r.Path != "/avatarsdk/players/").ToList();
        Assert.All(signed, r => Assert.Contains(r.Headers["X-PlayerUID"], new[] { alice, bob }));
        Assert.Equal(alice, AvatarPosts().Single().Headers["X-PlayerUID"]);

        // Without a player the client-access application refuses everything.
        Connect();
        var refused = Shell.Run("Get-Avatar");
        Assert.StartsWith("AvatarSdk.Http.403", Assert.Single(refused.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void An_existing_player_is_checked_at_connect()
    {
        var player = Shell.Run("(Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -NewPlayer -PassThru).PlayerUid").ThrowOnError().Output.Single().BaseObject;
        var again = Shell.Run($"(Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -PlayerUid {player} -PassThru).AccessMode").ThrowOnError();
        Assert.Equal("Client", again.Output.Single().BaseObject);
        var unknown = Shell.Run("Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -PlayerUid 9418fd52-baef-401c-a2b3-e6fe16d93596");
        Assert.StartsWith("AvatarSdk.Http.403", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void No_secret_or_token_appears_in_any_stream_or_string()
    {
        var result = Shell.Run("""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            $s = Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 0.1 -PassThru -Verbose -Debug
            $s
            $s.ToString()
            [System.Management.Automation.PSSerializer]::Serialize($s, 5)
            Get-AnimationSession
            $a = New-Avatar -Photo ./me.jpg -Verbose -Debug | Wait-Job | Receive-Job -Verbose -Debug
            $a
            [System.Management.Automation.PSSerializer]::Serialize($a, 5)
            Get-Avatar -Verbose -Debug
            Get-AvatarUsage -Verbose -Debug
            Get-Avatar -Code nope -Verbose -Debug
            """);
        Assert.Single(result.Errors);
        var tokens = Requests()
            .Where(r => r.Headers.TryGetValue("Authorization", out var a) && a.StartsWith("Bearer "))
            .Select(r => r.Headers["Authorization"]["Bearer ".Length..])
            .Distinct()
            .ToList();
        Assert.NotEmpty(tokens);
        Assert.NotEmpty(result.Debug);
        Assert.Contains(result.Verbose, v => v.Contains("/avatars/"));

        var text = result.AllText();
        Assert.DoesNotContain("demo-secret", text);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:demo-secret")), text);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, text);
        }
    }
}
