using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>Custom characters: upload, list, rename, delete, use in a job, tab completion.</summary>
public sealed class CharacterModelTests : DeepMotionTestBase
{
    public CharacterModelTests(EmulatorFixture emulator) : base(emulator) { }

    string FakeModel(string name)
    {
        var path = Path.Combine(Work, name);
        var bytes = new byte[600 * 1024];
        new Random(7).NextBytes(bytes);
        "Kaydara FBX Binary  \0"u8.ToArray().CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_model_is_uploaded_stored_and_used_by_a_job()
    {
        Connect();
        Shell.SetVariable("modelPath", FakeModel("hero.fbx"));
        var result = Shell.Run("""
            $model = Send-CharacterModel -Path $modelPath -ThumbnailPath $assets/pose.png -Name 'Hero'
            $model
            $video = Send-Video -LiteralPath $assets/walk.mp4
            $model | Start-AnimationJob -Url $video.Url -Format fbx | Wait-Job | Receive-Job
            """).ThrowOnError();

        var model = result.Output[0];
        Assert.Equal("AnimationTools.DeepMotion.Characters.CharacterModel", model.BaseObject.GetType().FullName);
        Assert.Equal("Hero", model.Properties["Name"].Value);
        var id = (string)model.Properties["Id"].Value;

        var requests = Emulator.Requests();
        Assert.Contains(requests, r => r.Path.EndsWith("/character/getModelUploadUrl") && r.Query.Contains("modelExt=fbx") && r.Query.Contains("thumbExt=png"));
        // Model, thumbnail and video: three resumable upload sessions.
        Assert.Equal(3, requests.Count(r => r.Method == "POST" && r.Headers.TryGetValue("x-goog-resumable", out var v) && v == "start"));
        Assert.Contains(requests, r => r.Path.EndsWith("/character/storeModel"));
        var uploads = Emulator.ControlGet("deepmotion/uploads").EnumerateArray().ToList();
        Assert.Contains(uploads, u => u.GetProperty("size").GetInt64() == new FileInfo(Path.Combine(Work, "hero.fbx")).Length);

        // The job ran with model=<id>.
        var job = Emulator.ControlGet("deepmotion/jobs").EnumerateArray().Single();
        Assert.Contains("model=" + id, job.GetRawText());
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void Models_are_listed_searched_renamed_and_removed()
    {
        Connect();
        Shell.SetVariable("modelPath", FakeModel("robot.fbx"));
        var result = Shell.Run("""
            $model = Send-CharacterModel -Path $modelPath -CreateThumbnail
            (Get-CharacterModel -Search robot).Count
            (Get-CharacterModel -IncludeStock | Where-Object Platform -ne 'custom').Count -gt 0
            $renamed = $model | Set-CharacterModel -Name 'Robot 2' -ThumbnailPath $assets/pose.jpg -PassThru
            $renamed.Name
            (Get-CharacterModel -Id $model.Id).Name
            $model | Remove-CharacterModel -Confirm:$false
            (Get-CharacterModel).Count
            """).ThrowOnError();
        Assert.Equal(1, result.Output[0].BaseObject);
        Assert.Equal(true, result.Output[1].BaseObject);
        Assert.Equal("Robot 2", result.Output[2].ToString());
        Assert.Equal("Robot 2", result.Output[3].ToString());
        Assert.Equal(0, result.Output[4].BaseObject);
        Assert.Contains(Emulator.Requests(), r => r.Method == "DELETE" && r.Path.Contains("/character/deleteModel/"));
        // The new thumbnail went through a signed thumbnail URL before storeModel renamed the model.
        Assert.Contains(Emulator.Requests(), r => r.Path.EndsWith("/character/getModelUploadUrl") && r.Query.Contains("thumbExt=jpg") && !r.Query.Contains("modelExt"));
        var pose = new FileInfo(Asset("pose.jpg")).Length;
        Assert.Contains(Emulator.ControlGet("deepmotion/uploads").EnumerateArray(), u => u.GetProperty("size").GetInt64() == pose && u.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Remove_CharacterModel_is_high_impact_and_WhatIf_sends_nothing()
    {
        Connect();
        var result = Shell.Run("""
            (Get-Command Remove-CharacterModel).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact
            Remove-CharacterModel -Id 'abc' -WhatIf
            """).ThrowOnError();
        Assert.Equal("High", result.Output[0].ToString());
        Assert.DoesNotContain(Emulator.Requests(), r => r.Method == "DELETE");
    }

    [Fact]
    public void Bad_model_files_fail_before_any_request()
    {
        Connect();
        var text = Path.Combine(Work, "model.txt");
        File.WriteAllText(text, "not a model");
        var before = Emulator.Requests().Count;
        var result = Shell.Run($"Send-CharacterModel -Path '{text}'");
        Assert.StartsWith("DeepMotion.InvalidParameter.Path", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(before, Emulator.Requests().Count);
    }

    [Fact]
    public void Model_ids_complete_on_Tab()
    {
        Connect();
        Shell.SetVariable("modelPath", FakeModel("dancer.fbx"));
        var id = (string)Shell.Run("(Send-CharacterModel -Path $modelPath).Id").ThrowOnError().Output.Single().BaseObject;

        var script = "Start-AnimationJob -Model ";
        var completions = Shell.Run($"(TabExpansion2 -inputScript '{script}' -cursorColumn {script.Length}).CompletionMatches | ForEach-Object {{ $_.CompletionText }}").ThrowOnError();
        Assert.Contains(id, completions.Output.Select(o => o.ToString()));
        Assert.True(completions.Output.Count > 1, "stock models are offered too");
    }

    [Fact]
    public void Every_id_Tab_offers_resolves_with_Get_CharacterModel()
    {
        Connect();
        Shell.SetVariable("modelPath", FakeModel("acrobat.fbx"));
        var custom = (string)Shell.Run("(Send-CharacterModel -Path $modelPath).Id").ThrowOnError().Output.Single().BaseObject;

        var script = "Get-CharacterModel -Id ";
        var offered = Shell.Run($"(TabExpansion2 -inputScript '{script}' -cursorColumn {script.Length}).CompletionMatches | ForEach-Object {{ $_.CompletionText }}")
            .ThrowOnError().Output.Select(o => o.ToString()).ToList();
        Assert.Contains(custom, offered);
        Assert.Contains("dm-stock-female", offered);
        Shell.SetVariable("offered", offered.ToArray());

        // By value, as strings on the pipeline.
        var byValue = Shell.Run("$offered | Get-CharacterModel").ThrowOnError();
        Assert.Equal(offered, byValue.Output.Select(o => (string)o.Properties["Id"].Value));

        // By property name: objects with a ModelId or an Id.
        var byProperty = Shell.Run("""
            [pscustomobject]@{ ModelId = 'dm-stock-female' } | Get-CharacterModel
            [pscustomobject]@{ Id = 'roblox-r15' } | Get-CharacterModel
            Get-CharacterModel -IncludeStock | Where-Object Platform -eq 'deepmotion' | Get-CharacterModel
            """).ThrowOnError();
        var ids = byProperty.Output.Select(o => (string)o.Properties["Id"].Value).ToList();
        Assert.Equal("dm-stock-female", ids[0]);
        Assert.Equal("roblox-r15", ids[1]);
        Assert.Contains("dm-stock-male", ids.Skip(2));
        Assert.Equal("deepmotion", byProperty.Output[0].Properties["Platform"].Value);

        var single = Shell.Run("'dm-stock-female' | Get-CharacterModel").ThrowOnError();
        Assert.Equal("dm-stock-female", Assert.Single(single.Output).Properties["Id"].Value);

        var unknown = Shell.Run("'no-such-model' | Get-CharacterModel");
        Assert.StartsWith("DeepMotion.ModelNotFound", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_session_with_a_user_uid_warns_that_its_models_are_private()
    {
        var result = Shell.Run("Connect-DeepMotion -Credential $cred -Endpoint $endpoint -UserUid 'me@example.com'").ThrowOnError();
        Assert.Contains(result.Warnings, w => w.Contains("not shared"));
        Assert.Contains(Emulator.Requests(), r => r.Path.EndsWith("/session/auth") && r.Headers.TryGetValue("x-useruid", out var uid) && uid == "me@example.com");
    }

    [Theory]
    [InlineData("list")]
    [InlineData("array")]
    public void Models_are_read_from_either_shape_of_listModels(string shape)
    {
        Connect();
        Emulator.Control("deepmotion/config", new { listModelsShape = shape });
        Shell.SetVariable("modelPath", FakeModel("mage.fbx"));
        var result = Shell.Run("""
            $model = Send-CharacterModel -Path $modelPath -ThumbnailPath $assets/pose.png -Name Mage
            $found = Get-CharacterModel -Id $model.Id
            $found.Id -eq $model.Id
            $found.Name
            [bool]$found.Thumbnail
            $found.Created -is [datetime]
            @(Get-CharacterModel -IncludeStock | Where-Object Platform -eq 'roblox').Count
            """).ThrowOnError();
        Assert.Equal(new object[] { true, "Mage", true, true, 1 }, result.Output.Select(o => o.BaseObject).ToArray());
    }

    [Theory]
    [InlineData("""{"list":[{"ID":42,"Name":"Numbered","thumbnail":"https://cdn.example.com/t.png","RigId":7,"ctime":"2026-01-02T03:04:05Z"}]}""", "42")]
    [InlineData("""[{"Id":"a1","name":"Numbered","thumb":"https://cdn.example.com/t.png","rigId":"7","ctime":1767323045000}]""", "a1")]
    [InlineData("""{"List":[{"id":"a1","name":"Numbered","thumb":null,"thumbnail":"https://cdn.example.com/t.png","rigId":7}],"count":1}""", "a1")]
    public void Any_spelling_of_the_model_keys_is_read(string body, string id)
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/character/listModels$", Kind = FaultKind.ReplaceBody, Body = body });
        var result = Shell.Run("Get-CharacterModel").ThrowOnError();
        var model = Assert.Single(result.Output);
        Assert.Equal(id, model.Properties["Id"].Value);
        Assert.Equal("Numbered", model.Properties["Name"].Value);
        Assert.Equal("https://cdn.example.com/t.png", model.Properties["Thumbnail"].Value);
        Assert.Equal("7", model.Properties["RigId"].Value);
        Assert.Equal("custom", model.Properties["Platform"].Value);
    }

    [Theory]
    [InlineData("""{"models":[]}""")]
    [InlineData("""<html>busy</html>""")]
    [InlineData("""{"list":{"id":"a1"}}""")]
    public void A_model_list_in_no_known_shape_is_an_InvalidResponse(string body)
    {
        Connect();
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "GET", Path = "/character/listModels$", Kind = FaultKind.ReplaceBody, Body = body });
        var error = Assert.Single(Shell.Run("Get-CharacterModel").Errors);
        Assert.StartsWith("DeepMotion.InvalidResponse", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
    }
}
