using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>The Hour One cmdlets against the emulator: connect, create and follow, list, metadata, save, remove, subtitles.</summary>
public sealed class HourOneCmdletTests : HourOneCmdletTestBase
{
    public HourOneCmdletTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void Connect_takes_the_key_as_SecureString_string_credential_or_environment()
    {
        Connect();
        Shell.Run("Connect-HourOne -ApiKey 'demo-api-key' -Endpoint $endpoint").ThrowOnError();
        Shell.Run("Connect-HourOne -Credential ([pscredential]::new('me', $key)) -Endpoint $endpoint").ThrowOnError();
        Environment.SetEnvironmentVariable("HOURONE_API_KEY", ApiKey);
        try
        {
            var s = Shell.Run("Connect-HourOne -Endpoint $endpoint -WorkspaceId ws-1 -TeamId team-1 -PassThru").ThrowOnError();
            var session = Assert.Single(s.Output);
            Assert.Equal("HourOne", session.Properties["Service"].Value);
            Assert.Equal("ws-1", session.Properties["WorkspaceId"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOURONE_API_KEY", null);
        }
        var missing = Shell.Run("Connect-HourOne -Endpoint $endpoint");
        Assert.Equal("HourOne.MissingCredential,AnimationTools.HourOne.Commands.ConnectHourOne", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_wrong_key_is_an_authentication_error()
    {
        var result = Shell.Run("Connect-HourOne -ApiKey 'not-the-key' -Endpoint $endpoint");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HourOne.AuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Empty(Shell.Run("Get-AnimationSession").Output);
    }

    [Fact]
    public void New_video_is_followed_to_ready_downloaded_and_received()
    {
        Connect("-WorkspaceId ws-1 -TeamId team-1");
        var result = Shell.Run("""
            $job = New-HourOneVideo -SourceDraftId demo-draft -Name 'Q3 update' -VoiceId demo-voice -Destination ./videos
            $job | Wait-Job -Timeout 30 | Receive-Job
            """).ThrowOnError();
        var video = Assert.Single(result.Output);
        Assert.Equal("ready", video.Properties["Status"].Value);
        Assert.Equal("Q3 update", video.Properties["Name"].Value);
        Assert.Equal("demo-voice", video.Properties["VoiceId"].Value);
        var file = (FileInfo)video.Properties["File"].Value;
        Assert.Equal(Path.Combine(Work, "videos", video.Properties["Id"].Value + ".mp4"), file.FullName);
        var bytes = File.ReadAllBytes(file.FullName);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.False(File.Exists(file.FullName + ".partial"));

        var stored = Assert.Single(ControlVideos());
        Assert.Equal(video.Properties["CorrelationId"].Value, stored.GetProperty("correlationId").GetString());
        Assert.StartsWith("animationtools-", stored.GetProperty("correlationId").GetString());
        Assert.Equal("ws-1", stored.GetProperty("workspaceId").GetString());
        Assert.Equal("team-1", stored.GetProperty("teamId").GetString());
        Assert.Equal("Completed", Shell.Run("$job.JobStateInfo.State.ToString()").Output.Single().BaseObject);
        // The key goes to the API only, never to the file URL.
        Assert.All(Requests().Where(r => r.Path.StartsWith("/hourone/files/")), r => Assert.False(r.Headers.ContainsKey("api-key")));
    }

    [Fact]
    public void Every_create_carries_its_own_correlation_id()
    {
        Connect();
        Shell.Run("1..3 | ForEach-Object { New-HourOneVideo -RecipeId demo-recipe } | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError();
        var ids = ControlVideos().Select(v => v.GetProperty("correlationId").GetString()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ControlVideos(), v => Assert.Equal("demo-recipe", v.GetProperty("recipeId").GetString()));
    }

    [Fact]
    public void Progress_records_reach_the_job()
    {
        Connect();
        Emulator.Control("hourone/config", new { processingMs = 1500 });
        var result = Shell.Run("""
            $job = New-HourOneVideo -SourceDraftId demo-draft
            $null = $job | Wait-Job -Timeout 30
            $job.Progress | ForEach-Object PercentComplete
            """).ThrowOnError();
        var percents = result.Output.Select(o => (int)o.BaseObject).ToList();
        Assert.Contains(percents, p => p is > 0 and < 100);
        Assert.Equal(100, percents[^1]);
    }

    [Fact]
    public void Unknown_progress_shows_as_minus_one()
    {
        Connect();
        Emulator.Control("hourone/next-video", new { progressUnknown = true, processingMs = 1200 });
        var result = Shell.Run("""
            $job = New-HourOneVideo -SourceDraftId demo-draft
            $null = $job | Wait-Job -Timeout 30
            $job.Progress | ForEach-Object PercentComplete
            """).ThrowOnError();
        Assert.Contains(result.Output.Select(o => (int)o.BaseObject), p => p == -1);
    }

    [Theory]
    [InlineData("failed", "HourOne.Video.Failed")]
    [InlineData("stopped", "HourOne.Video.Stopped")]
    [InlineData("cancelled", "HourOne.Video.Cancelled")]
    public void A_video_that_ends_badly_fails_its_job(string outcome, string errorId)
    {
        Connect();
        Emulator.Control("hourone/next-video", new { outcome, reason = "Presenter unavailable", endAtPercent = 30 });
        var result = Shell.Run("New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job");
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(outcome, error.Exception.Message);
    }

    [Fact]
    public void Scenes_are_sent_in_the_override_form_and_service_validation_names_the_field()
    {
        Connect();
        var ok = Shell.Run("""
            $scenes = @(@{ Name = 'Intro'; Texts = @('Hello'); Transcript = 'Welcome.' }, @{ Name = 'Two' }, @{ Name = 'Three'; Media = @('https://example.com/a.png') })
            New-HourOneVideo -SourceDraftId demo-draft -Scene $scenes -Metadata @{ quarter = 3; final = $true; team = 'ops' } | Wait-Job -Timeout 30 | Receive-Job
            """).ThrowOnError();
        var video = Assert.Single(ok.Output);
        var metadata = (System.Collections.Hashtable)video.Properties["Metadata"].Value;
        Assert.Equal(3L, metadata["quarter"]);
        Assert.Equal(true, metadata["final"]);

        var refused = Shell.Run("New-HourOneVideo -SourceDraftId demo-draft -Scene @{ Name = 'only one' }");
        var error = Assert.Single(refused.Errors);
        Assert.Equal("HourOne.Validation.scenes", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("exactly 3", error.Exception.Message);

        var unknown = Shell.Run("New-HourOneVideo -RecipeId no-such-recipe");
        Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(unknown.Errors).CategoryInfo.Category);
        Assert.Single(ControlVideos());
    }

    [Theory]
    [InlineData("-Scene @{ Name = 'a'; Transcript = ('x' * 1001) }", "HourOne.InvalidParameter.Scene")]
    [InlineData("-Scene @{ Texts = @('no name') }", "HourOne.InvalidParameter.Scene")]
    [InlineData("-Scene @{ Name = 'a'; Colour = 'red' }", "HourOne.InvalidParameter.Scene")]
    [InlineData("-Scene @{ Name = 'a'; Media = @('not a url') }", "HourOne.InvalidParameter.Scene")]
    [InlineData("-Metadata @{ nested = @{ a = 1 } }", "HourOne.InvalidParameter.Metadata")]
    public void Limits_are_checked_before_any_request(string arguments, string errorId)
    {
        Connect();
        var before = Requests().Count;
        var result = Shell.Run($"New-HourOneVideo -SourceDraftId demo-draft {arguments}");
        Assert.Equal(errorId, Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(before, Requests().Count);
    }

    [Fact]
    public void Header_values_with_line_breaks_are_refused_before_any_request()
    {
        var result = Shell.Run("Connect-HourOne -ApiKey $key -Endpoint $endpoint -WorkspaceId \"ws`r`nx-evil: 1\"");
        Assert.Equal("HourOne.InvalidParameter.WorkspaceId", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Empty(Requests());
    }

    [Fact]
    public void WhatIf_creates_nothing()
    {
        Connect();
        var result = Shell.Run("New-HourOneVideo -SourceDraftId demo-draft -WhatIf").ThrowOnError();
        Assert.Empty(result.Output);
        Assert.Empty(VideoPosts());
    }

    [Fact]
    public void Get_lists_filters_by_status_and_gets_by_id_from_the_pipeline()
    {
        Connect();
        Emulator.Control("hourone/videos/seed", new { count = 2, outcome = "failed" });
        Shell.Run("New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError();
        Assert.Equal(3, Shell.Run("Get-HourOneVideo").ThrowOnError().Output.Count);
        var failed = Shell.Run("Get-HourOneVideo | Where-Object Status -eq 'failed'").ThrowOnError().Output;
        Assert.Equal(2, failed.Count);
        Assert.Equal(2, Shell.Run("Get-HourOneVideo -Status FAILED").ThrowOnError().Output.Count);
        var byId = Shell.Run("Get-HourOneVideo -Status failed | Get-HourOneVideo").ThrowOnError().Output;
        Assert.Equal(failed.Select(v => v.Properties["Id"].Value), byId.Select(v => v.Properties["Id"].Value));

        var missing = Shell.Run("Get-HourOneVideo -Id no-such-video");
        var error = Assert.Single(missing.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("no-such-video", error.TargetObject);
    }

    [Fact]
    public void A_job_piped_to_the_video_cmdlets_stands_for_its_video()
    {
        Connect();
        var result = Shell.Run("""
            $job = New-HourOneVideo -SourceDraftId demo-draft
            $null = $job | Wait-Job -Timeout 30
            ($job | Get-HourOneVideo).Id -eq $job.VideoId
            ($job | Save-HourOneVideo -Destination ./fromjob).File.Name
            """).ThrowOnError();
        Assert.Equal(true, result.Output[0].BaseObject);
        Assert.EndsWith(".mp4", (string)result.Output[1].BaseObject);
    }

    [Fact]
    public void Metadata_gives_the_duration_and_scene_timings_and_a_not_ready_video_is_a_clear_error()
    {
        Connect();
        var result = Shell.Run("""
            $video = New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job
            $video | Get-HourOneVideoMetadata
            """).ThrowOnError();
        var metadata = Assert.Single(result.Output);
        Assert.Equal(TimeSpan.FromSeconds(12.75), metadata.Properties["Duration"].Value);
        var scenes = ((System.Collections.IEnumerable)metadata.Properties["Scenes"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal(new[] { 0, 1, 2 }, scenes.Select(s => (int)s.Properties["Index"].Value));
        Assert.Equal(new[] { 0.0, 4.0, 9.75 }, scenes.Select(s => ((TimeSpan)s.Properties["Start"].Value).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(12.75), scenes.Aggregate(TimeSpan.Zero, (sum, s) => sum + (TimeSpan)s.Properties["Duration"].Value));

        Emulator.Control("hourone/config", new { processingMs = 5000 });
        var early = Shell.Run("$j = New-HourOneVideo -SourceDraftId demo-draft; Get-HourOneVideoMetadata -Id $j.VideoId");
        var error = Assert.Single(early.Errors);
        Assert.Equal("HourOne.VideoNotReady", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
    }

    [Fact]
    public void Save_downloads_videos_bound_from_the_pipeline()
    {
        Connect();
        var result = Shell.Run("""
            $video = New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job
            $video | Save-HourOneVideo -Destination ./saved
            """).ThrowOnError();
        var saved = Assert.Single(result.Output);
        var file = (FileInfo)saved.Properties["File"].Value;
        Assert.True(file.Exists);
        Assert.Equal(Path.Combine(Work, "saved"), file.DirectoryName);
    }

    [Fact]
    public void Remove_deletes_after_confirmation_and_WhatIf_deletes_nothing()
    {
        Connect();
        Emulator.Control("hourone/videos/seed", new { count = 2, outcome = "ready" });
        Shell.Run("Get-HourOneVideo | Remove-HourOneVideo -WhatIf").ThrowOnError();
        Assert.Equal(2, ControlVideos().Count);
        Shell.Run("Get-HourOneVideo | Select-Object -First 1 | Remove-HourOneVideo -Confirm:$false").ThrowOnError();
        Assert.Single(ControlVideos());
        var impact = Shell.Run("(Get-Command Remove-HourOneVideo).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString()").ThrowOnError();
        Assert.Equal("High", impact.Output.Single().BaseObject);
    }

    [Fact]
    public void Subtitles_are_made_in_a_documented_language_and_downloaded()
    {
        Connect();
        var result = Shell.Run("""
            $video = New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job
            New-HourOneSubtitle -Id $video.Id -Language es -Format srt -Destination ./subs
            """).ThrowOnError();
        var subtitle = Assert.Single(result.Output);
        Assert.Equal("srt", subtitle.Properties["Format"].Value);
        var file = (FileInfo)subtitle.Properties["File"].Value;
        Assert.EndsWith(".es.srt", file.Name);
        Assert.Contains("-->", File.ReadAllText(file.FullName));

        var vtt = Shell.Run("New-HourOneSubtitle -Id $video.Id -Language DE").ThrowOnError();
        Assert.Equal("vtt", Assert.Single(vtt.Output).Properties["Format"].Value);

        var before = Requests().Count;
        var wrong = Shell.Run("New-HourOneSubtitle -Id $video.Id -Language xx");
        Assert.Equal("HourOne.InvalidParameter.Language", Assert.Single(wrong.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(before, Requests().Count);

        Emulator.Control("hourone/config", new { processingMs = 5000 });
        var early = Shell.Run("$j = New-HourOneVideo -SourceDraftId demo-draft; New-HourOneSubtitle -Id $j.VideoId -Language en");
        Assert.Equal("HourOne.VideoNotReady", Assert.Single(early.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Video_ids_tab_complete()
    {
        Connect();
        Emulator.Control("hourone/videos/seed", new { count = 2, outcome = "ready" });
        var ids = ControlVideos().Select(v => v.GetProperty("id").GetString()).ToList();
        var result = Shell.Run($"(TabExpansion2 -inputScript 'Get-HourOneVideoMetadata -Id {ids[0][..4]}' -cursorColumn {"Get-HourOneVideoMetadata -Id ".Length + 4}).CompletionMatches.CompletionText").ThrowOnError();
        Assert.Contains(ids[0], result.Output.Select(o => o.BaseObject.ToString()));
    }

    [Fact]
    public void Every_cmdlet_takes_a_session_and_fails_clearly_without_one()
    {
        foreach (var command in new[] { "New-HourOneVideo", "Get-HourOneVideo", "Get-HourOneVideoMetadata", "Save-HourOneVideo", "Remove-HourOneVideo", "New-HourOneSubtitle" })
        {
            var parameter = Shell.Run($"(Get-Command {command}).Parameters['Session'].ParameterType.Name").ThrowOnError();
            Assert.Equal("HourOneSession", parameter.Output.Single().BaseObject);
        }
        var result = Shell.Run("Get-HourOneVideo");
        Assert.Equal("HourOne.NotConnected", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }
}

/// <summary>Statuses this module does not know are passing states within the session's bound, then a typed failure.</summary>
public sealed class HourOneUnknownStatusTests : HourOneCmdletTestBase
{
    public HourOneUnknownStatusTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void An_unknown_status_is_tolerated_and_the_job_still_completes()
    {
        Connect();
        Emulator.Control("hourone/next-video", new { startedStatus = "queued_v2", startedMs = 600 });
        var result = Shell.Run("""
            $job = New-HourOneVideo -SourceDraftId demo-draft
            Start-Sleep -Milliseconds 400
            $job.StatusMessage
            $job | Wait-Job -Timeout 30 | Receive-Job
            """).ThrowOnError();
        Assert.Equal("Unknown status 'queued_v2'", result.Output[0].BaseObject);
        Assert.Equal("ready", result.Output[1].Properties["Status"].Value);
    }

    [Fact]
    public void An_unknown_status_past_the_bound_fails_the_job_naming_the_value()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current HourOne).UnknownStatusTimeout = [timespan]::FromMilliseconds(300)").ThrowOnError();
        Emulator.Control("hourone/next-video", new { startedStatus = "queued_v2", startedMs = 5000 });
        var result = Shell.Run("New-HourOneVideo -SourceDraftId demo-draft | Wait-Job -Timeout 30 | Receive-Job");
        var error = Assert.Single(result.Errors);
        Assert.Equal("HourOne.UnknownStatus", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("queued_v2", error.Exception.Message);
    }
}
