using System.Net;
using AnimationTools.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AnimationTools.Tests.Danim;

/// <summary>
/// Start-WebhookListener -Service Danim: Danim signs nothing, so New-DanimVideo -CallbackUrl adds a per-video token
/// and the listener accepts only callbacks (form POST, or GET for +get URLs) carrying the token issued for the video.
/// </summary>
public sealed class DanimListenerTests : DanimModuleTestBase
{
    readonly int _port = AnimationTools.Tests.Teleport.TeleportPipelineTests.FreePort();

    public DanimListenerTests(EmulatorFixture emulator) : base(emulator) { }

    string Prefix => $"http://127.0.0.1:{_port}/hooks/";

    static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end) throw new TimeoutException("condition not met");
            Thread.Sleep(50);
        }
    }

    void Listen()
    {
        // Polls 30 s apart, and only every 10 minutes while the listener runs: only a callback can finish a job in time.
        Shell.Run("Connect-Danim -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 30").ThrowOnError();
        Shell.Run($"$listener = Start-WebhookListener -Service Danim -Prefix '{Prefix}' -FallbackPollSeconds 600").ThrowOnError();
    }

    string TokenSentFor(string videoId)
    {
        var sent = State.ListVideos().Single(v => v.Id == videoId).CallbackUrl!;
        return QueryHelpers.ParseQuery(new Uri(sent).Query)["at_token"].ToString();
    }

    [Theory]
    [InlineData("http", "POST")]
    [InlineData("http+get", "GET")]
    public void A_callback_completes_the_job_long_before_its_next_poll(string scheme, string method)
    {
        Listen();
        var callback = scheme + Prefix[4..];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Shell.Run($"$job = New-DanimVideo -TemplateId $review -TemplateData @{{ score = 4 }} -CallbackUrl '{callback}' -Verbose -Debug 5>&1 4>&1; $job = $job | Where-Object {{ $_ -is [System.Management.Automation.Job] }}; $null = $job | Wait-Job -Timeout 20; $job.JobStateInfo.State; $job.VideoId").ThrowOnError();
        Assert.Equal("Completed", result.Output[^2].ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        var id = result.Output[^1].ToString();

        // The token went to Danim in the callback URL, and nowhere into what the module wrote.
        var token = TokenSentFor(id);
        Assert.Equal(43, token.Length);
        Assert.StartsWith(callback + "?at_token=", State.ListVideos().Single(v => v.Id == id).CallbackUrl);
        Assert.DoesNotContain(result.Output, o => o.ToString().Contains(token));

        var received = Shell.Run("$listener | Receive-Job").ThrowOnError().Output.Single();
        Assert.Equal("Danim", received.Properties["Service"].Value);
        Assert.Equal("video.done", received.Properties["EventType"].Value);
        Assert.Equal(id, received.Properties["Id"].Value);
        Assert.Equal(method, received.Properties["Method"].Value);
        Assert.DoesNotContain(received.Properties, p => p.Value?.ToString()?.Contains(token) == true);
    }

    [Fact]
    public void Forged_callbacks_without_a_token_with_a_wrong_one_or_another_videos_are_refused()
    {
        Emulator.Control("danim/config", new { pendingMs = 100, generatingMs = 60_000, requestsPerMinute = 10000 });
        Listen();
        var ids = Shell.Run($"$job = New-DanimVideo -TemplateId $review -TemplateData @{{ score = 4 }} -CallbackUrl '{Prefix}'; $other = New-DanimVideo -TemplateId $review -TemplateData @{{ score = 2 }} -CallbackUrl '{Prefix}'; $job.VideoId; $other.VideoId").ThrowOnError().Output.Select(o => o.ToString()).ToList();
        var (id, otherId) = (ids[0], ids[1]);
        var otherToken = TokenSentFor(otherId);
        var fields = new Dictionary<string, string> { ["id"] = id, ["raw_url"] = "https://evil.example/x.mp4" };

        using var http = new HttpClient();
        HttpStatusCode Post(string query) => http.PostAsync(Prefix + query, new FormUrlEncodedContent(fields)).GetAwaiter().GetResult().StatusCode;
        HttpStatusCode Get(string query) => http.GetAsync(QueryHelpers.AddQueryString(Prefix + query, fields!)).GetAwaiter().GetResult().StatusCode;

        Emulator.Server.State.Requests.Clear();
        Assert.Equal(HttpStatusCode.Unauthorized, Post(""));
        Assert.Equal(HttpStatusCode.Unauthorized, Post("?at_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Equal(HttpStatusCode.Unauthorized, Post("?at_token=" + otherToken));
        Assert.Equal(HttpStatusCode.Unauthorized, Get(""));
        Assert.Equal(HttpStatusCode.Unauthorized, Get("?at_token=" + otherToken));
        Thread.Sleep(300);

        var rejected = Shell.Run("$listener.Rejected; $listener.Accepted; $job.JobStateInfo.State; $listener | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable e; $e | ForEach-Object FullyQualifiedErrorId");
        Assert.Equal(5, (int)rejected.Output[0].BaseObject);
        Assert.Equal(0, (int)rejected.Output[1].BaseObject);
        Assert.Equal("Running", rejected.Output[2].ToString());
        Assert.Equal(2, rejected.Output.Count(o => o.ToString() == "Danim.Webhook.MissingToken"));
        Assert.Equal(3, rejected.Output.Count(o => o.ToString() == "Danim.Webhook.InvalidToken"));
        // No effect: nobody asked the service about the video.
        Assert.DoesNotContain(Requests(), r => r.Path.StartsWith("/danim/read", StringComparison.Ordinal));

        // The video's own token: accepted, and the job asks the service (still generating, so it keeps running).
        Assert.Equal(HttpStatusCode.OK, Post("?at_token=" + TokenSentFor(id)));
        WaitFor(() => Requests().Any(r => r.Path.StartsWith("/danim/read", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        Assert.Equal("Running", Shell.Run("$job.JobStateInfo.State").Output.Single().ToString());
    }

    [Fact]
    public void ConvertFrom_WebhookEvent_checks_the_token_of_the_video_named()
    {
        Emulator.Control("danim/config", new { pendingMs = 100, generatingMs = 60_000, requestsPerMinute = 10000 });
        Shell.Run("Connect-Danim -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 30").ThrowOnError();
        var id = Shell.Run($"(New-DanimVideo -TemplateId $review -TemplateData @{{ score = 4 }} -CallbackUrl 'https://my.app/hook').VideoId").ThrowOnError().Output.Single().ToString();
        Shell.SetVariable("good", new Uri("https://my.app/hook?at_token=" + TokenSentFor(id)));
        Shell.SetVariable("body", "id=" + id + "&player_url=https%3A%2F%2Fplayer.example%2Fv");
        var converted = Shell.Run("ConvertFrom-WebhookEvent -Service Danim -Body $body -Headers @{} -Url $good").ThrowOnError().Output.Single();
        Assert.Equal(("Danim", "video.done", id), ((string)converted.Properties["Service"].Value, (string)converted.Properties["EventType"].Value, (string)converted.Properties["Id"].Value));
        Assert.Equal("https://player.example/v", converted.Properties["PlayerUrl"].Value);

        var forged = Shell.Run("ConvertFrom-WebhookEvent -Service Danim -Body $body -Headers @{} -Url 'https://my.app/hook?at_token=nope'");
        Assert.StartsWith("Danim.Webhook.InvalidToken", forged.Errors.Single().FullyQualifiedErrorId);
        Assert.Empty(forged.Output);
    }

    [Fact]
    public void Other_services_listeners_refuse_GET()
    {
        Shell.SetVariable("hourOne", Emulator.Server.ServiceUrl("hourone") + "/api/v1");
        Shell.Run($"Connect-HourOne -ApiKey 'demo-api-key' -Endpoint $hourOne; $listener = Start-WebhookListener -Service HourOne -SigningSecret 's' -Prefix '{Prefix}'").ThrowOnError();
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, http.GetAsync(Prefix + "?id=x").GetAwaiter().GetResult().StatusCode);
    }
}
