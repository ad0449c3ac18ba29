using System.Management.Automation;
using System.Text;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>-WhatIf, validation before any request, bad credentials and secrets that never leak.</summary>
public sealed class SafetyTests : DeepMotionTestBase
{
    public SafetyTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        Connect();
        Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        var before = Emulator.Requests().Count;

        var result = Shell.Run("$video | Start-AnimationJob -Format bvh -WhatIf").ThrowOnError();
        Assert.Empty(result.Output);
        Assert.Equal(before, Emulator.Requests().Count);
    }

    [Theory]
    [InlineData("-Trim 3,1", "DeepMotion.InvalidParameter.Trim")]
    [InlineData("-Crop 0.5,0.1,0.2,0.9", "DeepMotion.InvalidParameter.Crop")]
    [InlineData("-Format png", "DeepMotion.InvalidParameter.Format")]
    [InlineData("-BackgroundColor 0,300,0", "DeepMotion.InvalidParameter.BackgroundColor")]
    [InlineData("-VideoSpeedMultiplier 9", "ParameterArgumentValidationError")]
    [InlineData("-PoseFilteringStrength 1.5", "ParameterArgumentValidationError")]
    [InlineData("-FootLockingMode sometimes", "ParameterArgumentValidationError")]
    [InlineData("-Format gif", "ParameterArgumentValidationError")]
    public void Bad_parameters_fail_before_any_request(string parameters, string errorId)
    {
        Connect();
        Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        var before = Emulator.Requests().Count;

        var result = Shell.Run($"$video | Start-AnimationJob {parameters}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category == ErrorCategory.InvalidData ? ErrorCategory.InvalidArgument : error.CategoryInfo.Category);
        Assert.Equal(before, Emulator.Requests().Count);
    }

    [Fact]
    public void Files_that_are_not_media_are_refused_before_upload()
    {
        Connect();
        var text = Path.Combine(Work, "notes.txt");
        File.WriteAllText(text, "hello");
        var result = Shell.Run($"Send-Video -LiteralPath '{text}', $assets/nope.mp4");
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("DeepMotion.UnsupportedFileType", result.Errors[0].FullyQualifiedErrorId);
        Assert.StartsWith("DeepMotion.FileNotFound", result.Errors[1].FullyQualifiedErrorId);
        Assert.DoesNotContain(Emulator.Requests(), r => r.Path.Contains("/upload"));
    }

    [Fact]
    public void Bad_credentials_are_a_terminating_authentication_error_and_nothing_is_stored()
    {
        Shell.SetVariable("bad", new PSCredential("demo", ToSecure("wrong")));
        var result = Shell.Run("Connect-DeepMotion -Credential $bad -Endpoint $endpoint -PassThru");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.AuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(Shell.Run("Get-AnimationSession").ThrowOnError().Output);
    }

    [Fact]
    public void Plain_http_is_refused_except_on_loopback()
    {
        var result = Shell.Run("Connect-DeepMotion -Credential $cred -Endpoint http://example.com/deepmotion");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.InsecureEndpoint", error.FullyQualifiedErrorId);
        Assert.Empty(Emulator.Requests());
    }

    [Fact]
    public void No_secret_appears_in_any_stream_or_string()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("demo:demo-secret"));
        var result = Shell.Run("""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            $s = Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 0.1 -PassThru -Verbose -Debug
            $s
            $s.ToString()
            [System.Management.Automation.PSSerializer]::Serialize($s, 5)
            Get-AnimationSession
            $r = Send-Video -LiteralPath $assets/walk.mp4 -Verbose -Debug | Start-AnimationJob -Format bvh -Verbose -Debug | Wait-Job | Receive-Job -Verbose -Debug
            $r
            [System.Management.Automation.PSSerializer]::Serialize($r, 5)
            Get-DeepMotionCredit -Verbose -Debug
            """).ThrowOnError();

        var cookies = Emulator.Requests()
            .Where(r => r.Headers.ContainsKey("Cookie"))
            .Select(r => r.Headers["Cookie"].Split('=', 2)[1])
            .Distinct()
            .ToList();
        Assert.NotEmpty(cookies);
        Assert.NotEmpty(result.Debug);
        Assert.Contains(result.Verbose, v => v.Contains("/account/creditBalance"));

        var text = result.AllText();
        Assert.DoesNotContain("demo-secret", text);
        Assert.DoesNotContain(basic, text);
        foreach (var cookie in cookies)
        {
            Assert.DoesNotContain(cookie, text);
        }
    }

    [Fact]
    public void Errors_do_not_leak_the_cookie_either()
    {
        Connect();
        Emulator.AddFault(new AnimationTools.Emulator.Infrastructure.FaultDefinition { Service = "deepmotion", Path = "/list", Kind = AnimationTools.Emulator.Infrastructure.FaultKind.Status, Status = 400 });
        var result = Shell.Run("Get-AnimationJob -Debug -Verbose");
        var cookie = Emulator.Requests().First(r => r.Headers.ContainsKey("Cookie")).Headers["Cookie"].Split('=', 2)[1];
        Assert.Single(result.Errors);
        Assert.DoesNotContain(cookie, result.AllText());
    }

    [Fact]
    public void An_explicit_session_is_used_instead_of_the_current_one()
    {
        var result = Shell.Run("""
            $first = Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PassThru
            $second = Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PassThru
            (Get-AnimationSession).Count
            (Get-AnimationSession -Current).Id -eq $second.Id
            $null = Get-DeepMotionCredit -Session $first
            $first | Disconnect-AnimationService
            (Get-AnimationSession).Count
            """).ThrowOnError();
        Assert.Equal(2, result.Output[0].BaseObject);
        Assert.Equal(true, result.Output[1].BaseObject);
        Assert.Equal(1, result.Output[2].BaseObject);

        // The credit request carried the first session's cookie, not the current one's.
        var logins = Emulator.Requests().Where(r => r.Path.EndsWith("/session/auth")).ToList();
        Assert.Equal(2, logins.Count);
        var credit = Emulator.Requests().Single(r => r.Path.EndsWith("/account/creditBalance"));
        Assert.NotNull(credit.Headers["Cookie"]);
    }

    [Fact]
    public void Runbooks_connect_with_the_environment_variables()
    {
        Environment.SetEnvironmentVariable("DEEPMOTION_CLIENT_ID", "demo");
        Environment.SetEnvironmentVariable("DEEPMOTION_CLIENT_SECRET", "demo-secret");
        try
        {
            var result = Shell.Run("Connect-DeepMotion -Endpoint $endpoint -PassThru | ForEach-Object { $_.ClientId }").ThrowOnError();
            Assert.Equal("demo", result.Output.Single().ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEEPMOTION_CLIENT_ID", null);
            Environment.SetEnvironmentVariable("DEEPMOTION_CLIENT_SECRET", null);
        }
        var missing = Shell.Run("Connect-DeepMotion -Endpoint $endpoint");
        Assert.StartsWith("DeepMotion.MissingCredential", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }
}
