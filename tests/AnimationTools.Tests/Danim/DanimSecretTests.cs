using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>The app secret never reaches a stream, an error, a table or a serialized object, whatever the auth method.</summary>
public sealed class DanimSecretTests(EmulatorFixture emulator) : DanimModuleTestBase(emulator)
{
    [Theory]
    [InlineData("Header")]
    [InlineData("Basic")]
    [InlineData("Query")]
    public void The_secret_never_leaks(string method)
    {
        var connect = Shell.Run($"$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $s = Connect-Danim -AppId demo -AppSecret 'demo-secret' -Endpoint $endpoint -AuthMethod {method} -PassThru; $s").ThrowOnError();
        if (method == "Query")
        {
            Assert.Contains(connect.Warnings, w => w.Contains("URL"));
            Assert.Contains(Requests(), r => r.Query.Contains("appSecret=demo-secret"));
        }
        Assert.Equal(method, connect.Output.Single().Properties["AuthMethod"].Value.ToString());
        var work = Shell.Run("""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            Get-DanimTemplate -Id $review | Out-Null
            New-DanimVideo -TemplateId $review -TemplateData @{ score = 4; poster = Get-Item ./me.jpg } | Wait-Job -Timeout 30 | Receive-Job
            Get-DanimVideo -Id nope
            Start-DanimVideo -Id nope
            Invoke-DanimQuery -Query '{ bogus }'
            $s | Out-String
            Get-AnimationSession | Format-List * | Out-String
            [System.Management.Automation.PSSerializer]::Serialize($s, 5)
            Get-Job | Format-List * | Out-String
            """);
        var text = connect.AllText() + work.AllText() + string.Join("\n", work.Errors.Select(e => e.ErrorDetails?.RecommendedAction + e.Exception?.ToString() + e.InvocationInfo?.Line));
        Assert.NotEmpty(work.Debug);
        Assert.Contains(work.Errors, e => e.FullyQualifiedErrorId.StartsWith("Danim.VideoNotFound", StringComparison.Ordinal));
        Assert.DoesNotContain("demo-secret", text);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("demo:demo-secret")), text);
        if (method == "Query")
        {
            Assert.Contains("appSecret=***", text);
        }
    }

    [Fact]
    public void Credentials_come_from_Credential_or_the_environment()
    {
        Shell.Run("Connect-Danim -Credential $cred -Endpoint $endpoint").ThrowOnError();
        Environment.SetEnvironmentVariable("DANIM_APP_ID", "demo");
        Environment.SetEnvironmentVariable("DANIM_APP_SECRET", Secret);
        try
        {
            var session = Shell.Run("Connect-Danim -Endpoint $endpoint -PassThru").ThrowOnError().Output.Single();
            Assert.Equal("demo", session.Properties["ClientId"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DANIM_APP_ID", null);
            Environment.SetEnvironmentVariable("DANIM_APP_SECRET", null);
        }
        var missing = Shell.Run("Connect-Danim -AppId demo -Endpoint $endpoint");
        Assert.Equal("Danim.IncompleteCredential", missing.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
    }
}
