using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>The Danim cmdlets against the emulator: videos as jobs, drafts, changes, lists, downloads, files, workspaces, reads.</summary>
public sealed class DanimCmdletTests(EmulatorFixture emulator) : DanimModuleTestBase(emulator)
{
    [Fact]
    public void New_DanimVideo_uploads_a_file_input_follows_the_job_to_DONE_and_downloads_the_mp4()
    {
        Connect();
        var result = Shell.Run("""
            $job = New-DanimVideo -TemplateId $review -TemplateData @{ title = 'A great movie'; duration = 112; score = 4.8; poster = Get-Item ./me.jpg } -Name 'Review' -Destination ./out
            $job.GetType().Name
            $job | Wait-Job -Timeout 30 | Receive-Job
            """).ThrowOnError();
        Assert.Equal("DanimVideoJob", result.Output[0].BaseObject);
        dynamic video = result.Output[1];
        Assert.Equal("DONE", (string)video.State);
        Assert.Equal("Review", (string)video.Name);
        Assert.StartsWith(Emulator.DanimUrl, (string)video.RawUrl);
        Assert.NotNull((string)video.PlayerUrl);
        Assert.NotNull((string)video.ThumbnailUrl);
        var file = (FileInfo)video.File;
        Assert.Equal(Path.Combine(Work, "out"), file.DirectoryName);
        var bytes = File.ReadAllBytes(file.FullName);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));

        // The photo went to /upload/me first and its id into template_data.
        var uploads = Requests().Where(r => r.Path == "/danim/upload/me").ToList();
        Assert.Single(uploads);
        var created = State.ListVideos().Single();
        Assert.Contains(created.Files.Single(), created.TemplateData);
        Assert.Equal(1, Requests().Count(r => r.Path == "/danim/write/video/create"));
    }

    [Fact]
    public void A_uri_becomes_a_file_plus_url_and_a_plain_string_passes_through()
    {
        Connect();
        Shell.Run("""New-DanimVideo -TemplateId $example -TemplateData @{ 'text-1' = "Alice's select value"; 'text-2' = 'Hello'; 'image-1' = [uri]'https://my.cloud/path/file.jpg' } -Draft""").ThrowOnError();
        Shell.Run("""New-DanimVideo -TemplateId $example -TemplateData @{ 'text-1' = "Bob's select value"; 'text-2' = 'Hi'; 'image-1' = '5c574215-5327-4d66-94b9-8f8b99720536' } -Draft""").ThrowOnError();
        var data = State.ListVideos().Select(v => v.TemplateData).ToList();
        // Accepted only because it went as file+https:// (a plain string would be an unknown file id).
        Assert.Contains(State.ListFiles(), f => f.Origin.ToString() == "Url");
        Assert.Contains(data, d => d.Contains("\"5c574215-5327-4d66-94b9-8f8b99720536\""));
    }

    [Fact]
    public void A_draft_is_created_renamed_generated_listed_saved_and_removed()
    {
        Connect();
        var draft = Shell.Run("$d = New-DanimVideo -TemplateId $review -TemplateData @{ score = 3 } -Draft; $d").ThrowOnError().Output.Single();
        Assert.Equal("DRAFT", draft.Properties["State"].Value);
        Assert.Equal("AnimationTools.Danim.DanimVideo", draft.BaseObject.GetType().FullName);

        var renamed = Shell.Run("Set-DanimVideo -Id $d.Id -Name 'Renamed' -Description 'About a film'").ThrowOnError().Output.Single();
        Assert.Equal("Renamed", renamed.Properties["Name"].Value);
        Assert.Equal("About a film", renamed.Properties["Description"].Value);

        var done = Shell.Run("$d | Start-DanimVideo | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError().Output.Single();
        Assert.Equal("DONE", done.Properties["State"].Value);

        var listed = Shell.Run("Get-DanimVideo -State DONE -First 20").ThrowOnError().Output;
        Assert.Equal(draft.Properties["Id"].Value, listed.Single().Properties["Id"].Value);
        Assert.Empty(Shell.Run("Get-DanimVideo -State DRAFT").ThrowOnError().Output);

        var saved = Shell.Run("Get-DanimVideo -Id $d.Id | Save-DanimVideo -Destination ./saved/film.mp4").ThrowOnError().Output.Single();
        Assert.Equal(Path.Combine(Work, "saved", "film.mp4"), ((FileInfo)saved.BaseObject).FullName);

        Shell.Run("$d | Remove-DanimVideo -Confirm:$false").ThrowOnError();
        Assert.Empty(State.ListVideos());
        var gone = Shell.Run("Get-DanimVideo -Id $d.Id");
        Assert.Equal("Danim.VideoNotFound", gone.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ObjectNotFound, gone.Errors.Single().CategoryInfo.Category);
    }

    [Fact]
    public void Get_DanimVideo_follows_the_Relay_cursor_lazily()
    {
        Connect();
        Shell.Run("1..5 | ForEach-Object { New-DanimVideo -TemplateId $review -TemplateData @{ score = $_ } -Name \"Film $_\" -Draft } | Out-Null").ThrowOnError();
        Emulator.Server.State.Requests.Clear();
        var two = Shell.Run("Get-DanimVideo -First 2").ThrowOnError().Output;
        Assert.Equal(["Film 5", "Film 4"], two.Select(v => (string)v.Properties["Name"].Value));
        Assert.Single(Requests());
        var all = Shell.Run("Get-DanimVideo").ThrowOnError().Output;
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public void A_failed_generation_fails_the_job_with_the_reason()
    {
        Connect();
        Emulator.Control("danim/next-video", new { fail = true, failureType = "VideoGenerationFailed", message = "No bot could render it" });
        var result = Shell.Run("New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } | Wait-Job -Timeout 30 | Receive-Job");
        var error = result.Errors.Single();
        Assert.Equal("Danim.VideoGenerationFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("No bot could render it", error.Exception.Message);
        Assert.Equal("Failed", Shell.Run("(Get-Job)[-1].State.ToString()").Output.Single().BaseObject);
    }

    [Fact]
    public void WhatIf_creates_nothing_and_a_lost_create_answer_is_reconciled_without_creating_twice()
    {
        Connect();
        Shell.Run("New-DanimVideo -TemplateId $review -TemplateData @{ score = 4; poster = Get-Item ./me.jpg } -WhatIf").ThrowOnError();
        Assert.Empty(Writes());

        Emulator.AddFault(new FaultDefinition { Service = "danim", Method = "POST", Path = "^/danim/write/video/create$", Kind = FaultKind.LostResponse });
        var result = Shell.Run("New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } -Name 'Once' -Draft");
        Assert.Empty(result.Errors);
        Assert.Equal("Once", result.Output.Single().Properties["Name"].Value);
        Assert.Single(State.ListVideos());
        Assert.Equal(1, Requests().Count(r => r.Path == "/danim/write/video/create"));
    }

    [Fact]
    public void Send_DanimFile_checks_before_sending_and_returns_the_file_with_its_expiry()
    {
        Connect();
        var file = Shell.Run("Send-DanimFile -Path ./me.jpg").ThrowOnError().Output.Single();
        Assert.Equal("me.jpg", file.Properties["Name"].Value);
        Assert.Equal("image/jpeg", file.Properties["MimeType"].Value);
        Assert.Equal(new FileInfo(Path.Combine(Work, "me.jpg")).Length, (long)file.Properties["Size"].Value);
        var created = (DateTime)file.Properties["CreatedAt"].Value;
        Assert.Equal(TimeSpan.FromHours(24), (DateTime)file.Properties["ExpiresAt"].Value - created);

        File.WriteAllText(Path.Combine(Work, "anim.gif"), "GIF89a");
        File.WriteAllBytes(Path.Combine(Work, "empty.png"), []);
        Emulator.Server.State.Requests.Clear();
        var refused = Shell.Run("Send-DanimFile -Path ./anim.gif, ./empty.png, ./missing.jpg");
        Assert.Equal(["Danim.FileExtensionIsNotAccepted", "Danim.EmptyFile", "Danim.FileNotFound"], refused.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Empty(Requests());
    }

    [Fact]
    public void New_DanimWorkspace_sends_a_logo_file_as_multipart_and_Invoke_DanimQuery_turns_errors_into_records()
    {
        Connect();
        var workspace = Shell.Run("New-DanimWorkspace -Name 'Films' -Description 'Reviews' -Logo (Get-Item ./me.jpg)").ThrowOnError().Output.Single();
        Assert.Equal("Films", workspace.Properties["Name"].Value);
        Assert.NotNull(workspace.Properties["LogoUrl"].Value);
        Assert.StartsWith("multipart/form-data", Requests().Last(r => r.Path == "/danim/write/workspace/create").Headers["Content-Type"]);

        var query = Shell.Run("Invoke-DanimQuery -Query 'query($id: String) { template(id: $id) { name } }' -Variables @{ id = $review }").ThrowOnError();
        Assert.Equal("Film review", ((PSObject)query.Output.Single().Properties["template"].Value).Properties["name"].Value);
        var bad = Shell.Run("Invoke-DanimQuery -Query '{ nosuchfield }'");
        Assert.StartsWith("Danim.GraphQL.", bad.Errors.Single().FullyQualifiedErrorId);
        var missing = Shell.Run("Invoke-DanimQuery -Query 'query { video(id: \"nope\") { id } }'");
        Assert.Equal("Danim.VideoNotFound", missing.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Template_and_video_ids_tab_complete()
    {
        Connect();
        Shell.Run("Get-DanimTemplate -Id $review | Out-Null; New-DanimVideo -TemplateId $example -TemplateData @{ 'text-1' = \"Alice's select value\"; 'text-2' = 'x'; 'image-1' = 'my-file-id' } -Draft -Name 'Completed' | Out-Null").ThrowOnError();
        string[] Complete(string line) => Shell.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText")
            .ThrowOnError().Output.Select(o => o.ToString()).ToArray();
        Assert.Contains(DanimTestBase.ReviewTemplate, Complete("New-DanimVideo -TemplateId 0b9"));
        Assert.Contains(DanimTestBase.CreateExampleTemplate, Complete("Test-DanimTemplateData -TemplateId "));
        var id = State.ListVideos().Single().Id;
        Assert.Equal([id], Complete("Remove-DanimVideo -Id " + id[..4]));
        Assert.Equal([id], Complete("Get-DanimVideo -Id Compl"));
    }

    [Fact]
    public void Get_DanimTemplate_parses_the_specs()
    {
        Connect();
        dynamic template = Shell.Run("Get-DanimTemplate -Id $review").ThrowOnError().Output.Single().BaseObject;
        Assert.Equal(new[] { 1, 1.78, 0.56 }, (double[])template.Ratios);
        Assert.Equal("Main color", (string)template.Theme.Layout["main-color"]);
        Assert.Equal("#00aaa1", (string)template.Theme.Variants[0].Colors["main-color"]);
        var compositions = ((IEnumerable<object>)template.Compositions).Cast<dynamic>().ToList();
        Assert.Equal(["01-intro", "02-review", "03-casting", "04-quote"], compositions.Select(c => (string)c.Id));
        var duration = ((IEnumerable<object>)compositions[0].Inputs).Cast<dynamic>().Single(i => (string)i.Id == "duration");
        Assert.True((bool)duration.StrictCheck && (bool)duration.IsInt);
        Assert.Equal(0.0, (double?)duration.MinNumericValue);
        Assert.Equal("minutes", (string)duration.Suffix);
        var footage = ((IEnumerable<object>)compositions[2].Inputs).Cast<dynamic>().Single(i => (string)i.Id == "bg-footage");
        Assert.Equal("File|image_video|1080|variable", $"{footage.Kind}|{footage.Type}|{footage.MinWidth}|{footage.DurationStrategy}");
        Assert.Equal(["title", "duration", "score", "poster", "job", "casting-name", "bg-footage", "quote-paragraph"], (string[])template.Inputs);
        var unknown = Shell.Run("Get-DanimTemplate -Id nope");
        Assert.Equal("Danim.TemplateNotFound", unknown.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
    }
}
