using System.Diagnostics;
using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>Broken connections, throttling, expired sessions and lost answers against the emulator's faults.</summary>
public sealed class ResilienceTests : DeepMotionTestBase
{
    public ResilienceTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void An_upload_resumes_after_a_dropped_connection_and_stores_identical_bytes()
    {
        Connect();
        var path = RandomVideo("big.mp4", 3 * 1024 * 1024 + 12345);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/", Kind = FaultKind.Drop, AfterBytes = 500_000, Skip = 1 });

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize 1048576 -Verbose").ThrowOnError();
        Assert.Single(result.Output);

        var puts = Emulator.Requests().Where(r => r.Method == "PUT" && r.Path.Contains("/storage/")).ToList();
        Assert.Contains(puts, r => r.Fault == FaultKind.Drop && r.BodyLength < 1048576);
        // After the drop the client asked how far the server got (an empty PUT with Content-Range: bytes */total).
        Assert.Contains(puts, r => r.BodyLength == 0 && r.Headers.TryGetValue("Content-Range", out var range) && range.StartsWith("bytes */"));
        Assert.Contains(result.Verbose, v => v.Contains("resuming", StringComparison.OrdinalIgnoreCase));

        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var upload = Emulator.ControlGet("deepmotion/uploads").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "big.mp4");
        Assert.Equal(expected, upload.GetProperty("sha256").GetString());
        Assert.True(upload.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Six_failed_attempts_in_a_row_end_a_resumable_upload_with_UploadFailed()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        var path = RandomVideo("stuck.mp4", 3 * 256 * 1024);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = FaultKind.Status, Status = 503, Count = 50, Skip = 1 });

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize 262144");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.UploadFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("262144 of 786432", error.Exception.Message);
        // One chunk through, then six failed requests (a chunk and five status queries), each sent once.
        Assert.Equal(7, Emulator.Requests().Count(r => r.Method == "PUT" && r.Path.Contains("/storage/sessions/")));
    }

    [Fact]
    public void A_429_storm_is_waited_out_never_sooner_than_Retry_After()
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Path = "/account/creditBalance", Kind = FaultKind.Status, Status = 429, RetryAfter = 1, Count = 2 });

        var watch = Stopwatch.StartNew();
        var result = Shell.Run("(Get-DeepMotionCredit).Credits").ThrowOnError();
        watch.Stop();
        Assert.True((double)result.Output.Single().BaseObject > 0);

        var calls = Emulator.Requests().Where(r => r.Path.EndsWith("/account/creditBalance")).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal(new int?[] { 429, 429, 200 }, calls.Select(c => c.Status).ToArray());
        for (var i = 1; i < calls.Count; i++)
        {
            Assert.True(calls[i].StartedAt - calls[i - 1].StartedAt >= TimeSpan.FromMilliseconds(990), "retried before Retry-After");
        }
    }

    [Fact]
    public void A_Retry_After_longer_than_the_sessions_cap_fails_at_once_and_says_how_long_the_server_asked_for()
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Path = "/account/creditBalance", Kind = FaultKind.Status, Status = 503, RetryAfter = 86400, Count = 5 });

        var watch = Stopwatch.StartNew();
        var result = Shell.Run("Get-DeepMotionCredit");
        watch.Stop();

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.Http.503,", error.FullyQualifiedErrorId);
        Assert.Contains("asked to wait 86400 s (24 h)", error.Exception.Message);
        Assert.Contains("MaxRetryAfter", error.ErrorDetails.RecommendedAction);
        Assert.Equal(TimeSpan.FromDays(1), error.Exception.GetType().GetProperty("RetryAfter")!.GetValue(error.Exception));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"waited {watch.Elapsed}");
        Assert.Equal(1, Emulator.Requests().Count(r => r.Path.EndsWith("/account/creditBalance")));
    }

    [Theory]
    [InlineData("{\"foo\":1}")]
    [InlineData("{\"credits\":null}")]
    [InlineData("{\"credits\":\"lots\"}")]
    public void A_credit_answer_without_a_readable_balance_is_an_InvalidResponse_not_zero(string body)
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Path = "/account/creditBalance", Kind = FaultKind.ReplaceBody, Body = body });

        var result = Shell.Run("Get-DeepMotionCredit");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.InvalidResponse,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidResult, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData("ftp://storage.example.com/o/t/walk.mp4")]
    [InlineData("/deepmotion/storage/o/t/walk.mp4")]
    [InlineData("storage/o/t/walk.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://storage.example.com/o/t/walk.mp4")]
    public void An_upload_URL_that_is_not_https_is_an_InvalidResponse_and_nothing_is_sent_to_it(string url)
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Path = "^/deepmotion/upload$", Kind = FaultKind.ReplaceBody, Body = $"{{\"url\":\"{url}\"}}", Count = 2 });

        var resumable = Shell.Run("Send-Video -LiteralPath $assets/walk.mp4");
        var single = Shell.Run("Send-Video -LiteralPath $assets/walk.mp4 -SinglePut");

        foreach (var result in new[] { resumable, single })
        {
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DeepMotion.InvalidResponse,", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        }
        Assert.DoesNotContain(Emulator.Requests(), r => r.Path.Contains("/storage/"));
    }

    [Fact]
    public void Server_errors_are_retried_and_then_reported_with_a_typed_error()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Path = "/account/creditBalance", Kind = FaultKind.Status, Status = 500, Count = 10 });

        var result = Shell.Run("Get-DeepMotionCredit");
        var error = Assert.Single(result.Errors);
        Assert.Equal("DeepMotion.Http.500,AnimationTools.DeepMotion.Commands.GetDeepMotionCredit", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(4, Emulator.Requests().Count(r => r.Path.EndsWith("/account/creditBalance")));
    }

    [Fact]
    public void An_expired_session_is_renewed_once_and_the_request_replayed()
    {
        Connect();
        Emulator.Control("deepmotion/sessions/expire");

        var result = Shell.Run("(Get-DeepMotionCredit).Credits").ThrowOnError();
        Assert.Single(result.Output);

        var requests = Emulator.Requests().SkipWhile(r => !r.Path.EndsWith("/account/creditBalance")).ToList();
        Assert.Equal(new[] { "/deepmotion/account/creditBalance", "/deepmotion/session/auth", "/deepmotion/account/creditBalance" }, requests.Select(r => r.Path).ToArray());
        Assert.Equal(new int?[] { 401, 200, 200 }, requests.Select(r => r.Status).ToArray());
    }

    [Fact]
    public void A_JSON_body_replayed_after_a_401_arrives_whole_with_its_length()
    {
        Connect();
        Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        Emulator.Control("deepmotion/sessions/expire");

        Shell.Run("$video | Get-VideoInfo").ThrowOnError();

        var posts = Emulator.Requests().Where(r => r.Method == "POST" && r.Path.EndsWith("/videoInfo")).ToList();
        Assert.Equal(new int?[] { 401, 200 }, posts.Select(p => p.Status).ToArray());
        Assert.True(posts[1].BodyLength > 0);
        Assert.Equal(posts[1].BodyLength.ToString(), posts[1].Headers["Content-Length"]);
        Assert.Equal(posts[0].Headers["Content-Length"], posts[1].Headers["Content-Length"]);
    }

    [Fact]
    public void A_single_PUT_retried_after_a_503_sends_the_whole_file_with_Content_Length()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        var path = RandomVideo("whole.mp4", 2 * 1024 * 1024 + 7);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/", Kind = FaultKind.Status, Status = 503 });

        Shell.Run($"Send-Video -LiteralPath '{path}' -SinglePut").ThrowOnError();

        var puts = Emulator.Requests().Where(r => r.Method == "PUT" && r.Path.Contains("/storage/")).ToList();
        Assert.Equal(new int?[] { 503, 200 }, puts.Select(p => p.Status).ToArray());
        foreach (var put in puts)
        {
            Assert.Equal((2 * 1024 * 1024 + 7).ToString(), put.Headers["Content-Length"]);
            Assert.False(put.Headers.ContainsKey("Transfer-Encoding"));
        }
        Assert.Equal(2 * 1024 * 1024 + 7, puts[1].BodyLength);
        var upload = Emulator.ControlGet("deepmotion/uploads").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "whole.mp4");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), upload.GetProperty("sha256").GetString());
    }

    [Fact]
    public void An_attempt_slower_than_its_time_limit_is_retried_and_then_a_typed_timeout()
    {
        Connect();
        Shell.Run("""
            $retry = (Get-AnimationSession -Current).Retry
            $retry.RequestTimeout = [TimeSpan]::FromMilliseconds(300); $retry.BaseDelay = [TimeSpan]::FromMilliseconds(10); $retry.MaxRetries = 1
            """).ThrowOnError();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Path = "/account/creditBalance", Kind = FaultKind.Delay, DelayMs = 3000, Count = 5 });

        var result = Shell.Run("Get-DeepMotionCredit -Verbose");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.Timeout,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains(result.Verbose, v => v.Contains("timed out after"));
        Assert.Contains(result.Verbose, v => v.Contains("retry 1 of 1"));
        Assert.Equal(2, Emulator.Requests().Count(r => r.Path.EndsWith("/account/creditBalance")));
    }

    [Fact]
    public void A_paid_POST_that_times_out_is_looked_up_before_it_is_sent_again()
    {
        Connect();
        Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        Shell.Run("$retry = (Get-AnimationSession -Current).Retry; $retry.RequestTimeout = [TimeSpan]::FromMilliseconds(500); $retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "POST", Path = "/process$", Kind = FaultKind.Delay, DelayMs = 5000 });

        var result = Shell.Run("$video | Start-AnimationJob -Format bvh | Wait-Job | Receive-Job").ThrowOnError();

        Assert.Single(result.Output);
        Assert.Contains(result.Warnings, w => w.Contains("looking it up", StringComparison.OrdinalIgnoreCase) && w.Contains("may or may not"));
        var requests = Emulator.Requests();
        var posts = requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/process")).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Contains(requests, r => r.Path == "/deepmotion/list" && r.Seq > posts[0].Seq && r.Seq < posts[1].Seq);
        Assert.Single(Shell.Run("Get-AnimationJob").ThrowOnError().Output);
    }

    [Fact]
    public void A_lost_answer_to_POST_process_does_not_start_a_second_job()
    {
        Connect();
        var upload = Shell.Run("$video = Send-Video -LiteralPath $assets/walk.mp4").ThrowOnError();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "POST", Path = "/process$", Kind = FaultKind.LostResponse });

        var result = Shell.Run("$video | Start-AnimationJob -Format bvh | Wait-Job | Receive-Job").ThrowOnError();
        Assert.Single(result.Output);
        Assert.Contains(result.Warnings, w => w.Contains("looking it up", StringComparison.OrdinalIgnoreCase));

        var requests = Emulator.Requests();
        Assert.Equal(1, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/process")));
        Assert.Contains(requests, r => r.Path == "/deepmotion/list");
        var list = Shell.Run("Get-AnimationJob").ThrowOnError();
        Assert.Single(list.Output);
    }

    [Fact]
    public void A_download_interrupted_midway_resumes_with_a_range_request_on_the_same_file()
    {
        Connect();
        var result = Shell.Run("$result = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format mp4 | Wait-Job | Receive-Job; $result.Rid").ThrowOnError();

        // A partial file of an earlier, broken download, with the validator saved beside it: the rest is fetched with
        // Range and If-Range, and the whole is renamed.
        var full = Shell.Run("$result | Save-Animation -Destination $work/first").ThrowOnError().Output.Single().BaseObject as FileInfo;
        var bytes = File.ReadAllBytes(full!.FullName);
        var etag = Emulator.Requests().Last(r => r.Path.Contains("/storage/results/")).ResponseHeaders["ETag"];
        var second = Path.Combine(Work, "second");
        Directory.CreateDirectory(second);
        File.WriteAllBytes(Path.Combine(second, full.Name + ".partial"), bytes.Take(bytes.Length / 2).ToArray());
        File.WriteAllText(Path.Combine(second, full.Name + ".partial.json"), System.Text.Json.JsonSerializer.Serialize(new { etag, length = bytes.Length }));

        var resumed = Shell.Run("$result | Save-Animation -Destination $work/second").ThrowOnError().Output.Single().BaseObject as FileInfo;
        Assert.Equal(bytes, File.ReadAllBytes(resumed!.FullName));
        Assert.False(File.Exists(resumed.FullName + ".partial"));
        Assert.False(File.Exists(resumed.FullName + ".partial.json"));
        var ranged = Emulator.Requests().Last(r => r.Path.Contains("/storage/results/"));
        Assert.Equal($"bytes={bytes.Length / 2}-", ranged.Headers["Range"]);
        Assert.Equal(etag, ranged.Headers["If-Range"]);
        Assert.Equal(206, ranged.Status);
    }

    [Fact]
    public void A_stale_partial_file_of_other_content_is_not_resumed_onto()
    {
        Connect();
        Shell.Run("$result = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format mp4 | Wait-Job | Receive-Job").ThrowOnError();
        var full = Shell.Run("$result | Save-Animation -Destination $work/first").ThrowOnError().Output.Single().BaseObject as FileInfo;
        var bytes = File.ReadAllBytes(full!.FullName);
        var second = Path.Combine(Work, "second");
        Directory.CreateDirectory(second);
        var stale = new byte[bytes.Length / 2];
        new Random(7).NextBytes(stale);
        File.WriteAllBytes(Path.Combine(second, full.Name + ".partial"), stale);

        var saved = Shell.Run("$result | Save-Animation -Destination $work/second").ThrowOnError().Output.Single().BaseObject as FileInfo;

        Assert.Equal(bytes, File.ReadAllBytes(saved!.FullName));
        Assert.False(Emulator.Requests().Last(r => r.Path.Contains("/storage/results/")).Headers.ContainsKey("Range"));
    }
}
