using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>The envelope as the module reads it: success:false in a 200 is an error, warnings, data: [], RateLimitExceeded.</summary>
public sealed class DanimEnvelopeModuleTests(EmulatorFixture emulator) : DanimModuleTestBase(emulator)
{
    [Fact]
    public void Success_false_with_HTTP_200_is_never_treated_as_success()
    {
        Connect();
        var id = Shell.Run("(New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } -Draft).Id").ThrowOnError().Output.Single().ToString();
        foreach (var (type, category) in new[] { ("CommandNotAuthorized", ErrorCategory.PermissionDenied), ("InsufficientCreditsForGeneration", ErrorCategory.QuotaExceeded), ("BotNotFound", ErrorCategory.ResourceUnavailable) })
        {
            Emulator.Control("danim/next-error", new { route = "/write/video/generate", type });
            var result = Shell.Run($"Start-DanimVideo -Id {id}");
            Assert.Empty(result.Output);
            var error = result.Errors.Single();
            Assert.Equal("Danim." + type, error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(id, error.TargetObject);
        }
        Assert.True(Requests().Where(r => r.Path == "/danim/write/video/generate").All(r => r.Status == 200));
        Assert.Equal("DRAFT", State.ListVideos().Single().State.ToString());

        var wrongState = Shell.Run("New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } | Wait-Job | Receive-Job; Start-DanimVideo -Id (Get-DanimVideo -State DONE -First 1).Id");
        Assert.Equal("Danim.StateChangeIsNotAuthorized", wrongState.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Authentication_failures_are_AuthenticationError_and_leave_no_session()
    {
        var wrong = Shell.Run("Connect-Danim -AppId demo -AppSecret 'not-the-secret' -Endpoint $endpoint");
        Assert.Equal("Danim.InvalidAppSecret", wrong.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.AuthenticationError, wrong.Errors.Single().CategoryInfo.Category);
        var unknown = Shell.Run("Connect-Danim -AppId nobody -AppSecret 'x' -Endpoint $endpoint -AuthMethod Basic");
        Assert.Equal("Danim.AppDoesNotExist", unknown.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(Shell.Run("Get-AnimationSession").Output);
    }

    [Fact]
    public void Warnings_reach_the_warning_stream_and_data_empty_array_is_no_output()
    {
        Connect();
        var result = Shell.Run("New-DanimVideo -TemplateId $review -TemplateData @{ score = 4; poster = 'my-file-id'; extra = 1 } -Draft -WarningVariable w; $w.Count").ThrowOnError();
        Assert.Contains(result.Warnings, w => w.StartsWith("Danim: ", StringComparison.Ordinal));
        var id = State.ListVideos().Single().Id;
        var removed = Shell.Run($"Remove-DanimVideo -Id {id} -Confirm:$false").ThrowOnError();
        Assert.Empty(removed.Output);
        Assert.Empty(removed.Errors);
    }

    [Fact]
    public void RateLimitExceeded_without_Retry_After_is_retried_with_back_off_within_a_bound()
    {
        Connect();
        Emulator.Control("danim/config", new { requestsPerMinute = 2, rateLimitWindowSeconds = 1 });
        Emulator.Server.State.Requests.Clear();
        var result = Shell.Run("1..4 | ForEach-Object { Get-DanimTemplate -Id $review } | Measure-Object | ForEach-Object Count").ThrowOnError();
        Assert.Equal(4, (int)result.Output.Single().BaseObject);
        Assert.True(Requests().Count > 4, "some requests were refused and sent again");

        // A quota that never frees up ends in the typed error after the bounded retries.
        Emulator.Control("danim/config", new { requestsPerMinute = 1, rateLimitWindowSeconds = 600 });
        Shell.Run("$s = Get-AnimationSession | Where-Object Service -EQ Danim; $s.Retry.MaxRetries = 1");
        var limited = Shell.Run("Get-DanimTemplate -Id $review; Get-DanimTemplate -Id $review");
        Assert.NotEmpty(limited.Errors);
        var error = limited.Errors.Last();
        Assert.Equal("Danim.RateLimitExceeded", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
    }
}
