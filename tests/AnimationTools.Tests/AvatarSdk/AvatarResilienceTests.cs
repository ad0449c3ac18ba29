using System.Globalization;
using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>Throttling, lost answers to the paid POST, and computations that end badly.</summary>
public sealed class AvatarResilienceTests : AvatarSdkTestBase
{
    public AvatarResilienceTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void A_429_storm_is_waited_out_never_sooner_than_Retry_After()
    {
        Connect();
        var codes = Seed(6);
        Configure(new { throttleRequests = 2, throttleWindowSeconds = 1 });
        Shell.SetVariable("codes", codes.ToArray());

        var result = Shell.Run("Get-Avatar -Code $codes").ThrowOnError();
        Assert.Equal(6, result.Output.Count);

        var gets = Requests().Where(r => r.Path.StartsWith("/avatarsdk/avatars/")).ToList();
        var throttled = gets.Where(r => r.Status == 429).ToList();
        Assert.True(throttled.Count >= 2, "the throttle never answered 429");
        foreach (var refusal in throttled)
        {
            var wait = TimeSpan.FromSeconds(int.Parse(refusal.ResponseHeaders["Retry-After"], CultureInfo.InvariantCulture));
            var next = gets.First(r => r.Seq > refusal.Seq);
            Assert.True(next.StartedAt - refusal.StartedAt >= wait - TimeSpan.FromMilliseconds(20),
                $"retried {(next.StartedAt - refusal.StartedAt).TotalMilliseconds} ms after a 429 that asked for {wait.TotalSeconds} s");
        }
    }

    [Fact]
    public void Throttling_that_outlasts_the_retries_is_a_typed_error()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current AvatarSdk).Retry.MaxRetries = 1").ThrowOnError();
        Emulator.AddFault(new FaultDefinition { Service = "avatarsdk", Path = "^/avatarsdk/billing/", Kind = FaultKind.Status, Status = 429, RetryAfter = 1, Count = 5 });
        var result = Shell.Run("Get-AvatarUsage");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.Http.429", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal(2, Requests().Count(r => r.Path == "/avatarsdk/billing/statistics/"));
    }

    [Fact]
    public void A_lost_answer_to_POST_avatars_does_not_create_a_second_avatar()
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "avatarsdk", Method = "POST", Path = "^/avatarsdk/avatars/$", Kind = FaultKind.LostResponse });

        var result = Shell.Run("New-Avatar -Photo ./me.jpg -Name once | Wait-Job | Receive-Job").ThrowOnError();
        Assert.Equal("once", result.Output.Single().Properties["Name"].Value);
        Assert.Contains(result.Warnings, w => w.Contains("looking it up", StringComparison.OrdinalIgnoreCase));
        Assert.Single(AvatarPosts());
        Assert.Contains(Requests(), r => r.Method == "GET" && r.Path == "/avatarsdk/avatars/" && r.Query.Contains("name=once"));
        Assert.Single(Emulator.Server.State.AvatarSdk.ListAvatars());
    }

    [Fact]
    public void The_photo_is_sent_whole_again_after_a_401_and_after_a_503()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current AvatarSdk).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        Emulator.Control("avatarsdk/tokens/expire");
        Emulator.AddFault(new FaultDefinition { Service = "avatarsdk", Method = "POST", Path = "^/avatarsdk/avatars/$", Kind = FaultKind.Status, Status = 503, Skip = 1 });

        var result = Shell.Run("New-Avatar -Photo ./me.jpg -Name again | Wait-Job | Receive-Job").ThrowOnError();
        Assert.Equal("again", result.Output.Single().Properties["Name"].Value);

        var posts = AvatarPosts();
        Assert.Equal(new int?[] { 401, 503, 201 }, posts.Select(p => p.Status).ToArray());
        var length = posts[0].Headers["Content-Length"];
        Assert.True(long.Parse(length, CultureInfo.InvariantCulture) > new FileInfo(Path.Combine(Work, "me.jpg")).Length);
        Assert.All(posts, p => Assert.Equal(length, p.Headers["Content-Length"]));
        Assert.Equal(long.Parse(length, CultureInfo.InvariantCulture), posts[2].BodyLength);
        Assert.Single(Emulator.Server.State.AvatarSdk.ListAvatars());
    }

    [Fact]
    public void A_failed_computation_is_the_jobs_typed_error()
    {
        Connect();
        Emulator.Control("avatarsdk/next-avatar", new { outcome = "failed", code = 3, message = "No face found on the photo." });
        var result = Shell.Run("$job = New-Avatar -Photo ./me.jpg; $null = $job | Wait-Job; $job.JobStateInfo.State; $job | Receive-Job");
        Assert.Equal("Failed", result.Output.First().ToString());
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.Avatar.Failed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("No face found", error.Exception.Message);
    }

    [Fact]
    public void A_timed_out_computation_is_an_OperationTimeout()
    {
        Connect();
        Emulator.Control("avatarsdk/next-avatar", new { outcome = "timedOut" });
        var result = Shell.Run("New-Avatar -Photo ./me.jpg | Wait-Job | Receive-Job");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.Avatar.TimedOut", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void Jobs_report_progress_and_Stop_Job_stops_polling()
    {
        Connect();
        Configure(new { computingMs = 60000 });
        var result = Shell.Run("""
            $job = New-Avatar -Photo ./me.jpg
            $waited = $job | Wait-Job -Timeout 1
            $null -eq $waited
            $job.PSJobTypeName
            $job.RemoteStatus
            $job | Stop-Job
            $job.JobStateInfo.State
            """).ThrowOnError();
        Assert.Equal(true, result.Output[0].BaseObject);
        Assert.Equal("AnimationToolsJob", result.Output[1].BaseObject);
        Assert.Contains(result.Output[2].ToString(), new[] { "Computing", "Queued" });
        Assert.Equal("Stopped", result.Output[3].ToString());
        Thread.Sleep(400);
        var polls = Requests().Count(r => r.Method == "GET");
        Thread.Sleep(800);
        Assert.Equal(polls, Requests().Count(r => r.Method == "GET"));
    }

    [Fact]
    public void A_deleted_avatar_ends_its_job()
    {
        Connect();
        Configure(new { computingMs = 60000 });
        var result = Shell.Run("""
            $job = New-Avatar -Photo ./me.jpg
            Remove-Avatar -Code $job.Code -Confirm:$false
            $null = $job | Wait-Job -Timeout 10
            $job.JobStateInfo.State
            """);
        Assert.Equal("Failed", result.Output.Single().ToString());
    }
}
