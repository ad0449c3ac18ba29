using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>Listing with limit/offset, finding by eid, renaming, deleting, metadata, completion and the errors on the way.</summary>
public sealed class TeleportManageTests : TeleportCmdletTestBase
{
    public TeleportManageTests(EmulatorFixture emulator) : base(emulator)
    {
        Connect();
    }

    IReadOnlyList<string> Seed(int count, string state = "READY", string errorReason = null, string name = null) =>
        Emulator.Server.State.Teleport.SeedCaptures(count, "demo", name, state, errorReason, "video");

    List<AnimationTools.Emulator.Infrastructure.RecordedRequest> ListRequests() => Requests().Where(r => r.Method == "GET" && r.Path == "/teleport/api/v1/captures").ToList();

    [Fact]
    public void The_list_is_read_page_by_page_only_as_far_as_needed()
    {
        Seed(60);
        Emulator.Server.State.Requests.Clear();

        var five = Shell.Run("Get-TeleportCapture -First 5").ThrowOnError();
        Assert.Equal(5, five.Output.Count);
        Assert.Equal("limit=5&offset=0", ListRequests().Single().Query.TrimStart('?'));

        Emulator.Server.State.Requests.Clear();
        var all = Shell.Run("Get-TeleportCapture").ThrowOnError();
        Assert.Equal(60, all.Output.Select(o => o.Properties["Eid"].Value).Distinct().Count());
        Assert.Equal(new[] { "limit=100&offset=0" }, ListRequests().Select(r => r.Query.TrimStart('?')));

        var counted = Shell.Run("Get-TeleportCapture -Skip 55 -IncludeTotalCount").ThrowOnError();
        Assert.Equal(5, counted.Output.Count(o => o.BaseObject is not double && o.Properties["Eid"] != null));
    }

    [Fact]
    public void Eids_are_found_by_walking_the_pages_until_all_are_found()
    {
        var seeded = Seed(250);
        // Newest first: the last seeded is on the first page, the first seeded on the third.
        Emulator.Server.State.Requests.Clear();
        var newest = Shell.Run($"Get-TeleportCapture -Eid {seeded[^1]}").ThrowOnError();
        Assert.Equal(seeded[^1], newest.Output.Single().Properties["Eid"].Value);
        Assert.Single(ListRequests());

        Emulator.Server.State.Requests.Clear();
        var two = Shell.Run($"'{seeded[0]}', '{seeded[^2]}' | Get-TeleportCapture").ThrowOnError();
        Assert.Equal(2, two.Output.Count);

        var missing = Shell.Run("Get-TeleportCapture -Eid nosuchcapture");
        var error = missing.Errors.Single();
        Assert.StartsWith("Teleport.CaptureNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Failed_captures_are_listed_by_state_and_removed_from_the_pipeline()
    {
        Seed(3);
        var failed = Seed(4, "FAILED", "CONVERSION_FAILED");
        var listed = Shell.Run("Get-TeleportCapture | Where-Object State -eq FAILED | Remove-TeleportCapture -Confirm:$false; Get-TeleportCapture -State failed").ThrowOnError();
        Assert.Empty(listed.Output);
        Assert.Equal(3, Emulator.Server.State.Teleport.ListCaptures().Count);
        Assert.DoesNotContain(Emulator.Server.State.Teleport.ListCaptures(), c => failed.Contains(c.Eid));

        var ready = Shell.Run("Get-TeleportCapture -State READY").ThrowOnError();
        Assert.Equal(3, ready.Output.Count);
    }

    [Fact]
    public void Remove_asks_first_and_WhatIf_deletes_nothing()
    {
        var eid = Seed(1).Single();
        var command = (CmdletInfo)Shell.Run("Get-Command Remove-TeleportCapture").Output.Single().BaseObject;
        Assert.Equal(ConfirmImpact.High, command.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().Single().ConfirmImpact);
        Shell.Run($"Remove-TeleportCapture -Eid {eid} -WhatIf").ThrowOnError();
        Assert.Single(Emulator.Server.State.Teleport.ListCaptures());
    }

    [Fact]
    public void Rename_changes_the_name_and_an_unknown_eid_is_a_404_that_says_so()
    {
        var eid = Seed(1).Single();
        var renamed = Shell.Run($"Get-TeleportCapture -Eid {eid} | Rename-TeleportCapture -NewName 'Lobby, east wing' -PassThru").ThrowOnError();
        Assert.Equal("Lobby, east wing", renamed.Output.Single().Properties["Name"].Value);
        Assert.Equal("Lobby, east wing", Emulator.Server.State.Teleport.ListCaptures().Single().Name);

        var unknown = Shell.Run("Rename-TeleportCapture -Eid nosuchcapture -NewName x");
        var error = unknown.Errors.Single();
        Assert.StartsWith("Teleport.Http.404", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Capture not found", error.Exception.Message);
        Assert.Equal("nosuchcapture", error.TargetObject);
    }

    [Fact]
    public void Metadata_has_one_model_per_profile_in_either_shape_the_service_uses()
    {
        var eid = Seed(1).Single();
        foreach (var asObject in new[] { false, true })
        {
            Configure(new { modelsAsObject = asObject });
            var metadata = Shell.Run($"Get-TeleportCapture -Eid {eid} | Get-TeleportCaptureMetadata -Profile ply, sogs-sh0 -Quality hd").ThrowOnError().Output.Single();
            Assert.Equal(eid, metadata.Properties["Eid"].Value);
            Assert.Equal("hd", metadata.Properties["Quality"].Value);
            var models = ((object[])metadata.Properties["Models"].Value).Select(PSObject.AsPSObject).ToList();
            Assert.Equal(new[] { "ply", "sogs-sh0" }, models.Select(m => (string)m.Properties["Profile"].Value));
            Assert.All(models, m => Assert.True((long)m.Properties["Size"].Value > 0));
            Assert.Equal(12, ((double[][])metadata.Properties["Cameras"].Value).Length);
        }

        var saved = Shell.Run($"Get-TeleportCaptureMetadata -Eid {eid} -Profile sogs-sh0 | Save-TeleportCapture -Destination ./out").ThrowOnError();
        var zip = Assert.IsType<FileInfo>(saved.Output.Single().BaseObject);
        Assert.EndsWith("-sd-sogs-sh0.zip", zip.Name);
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip.FullName);
        Assert.Contains(archive.Entries, e => e.Name == "meta.json");
    }

    [Fact]
    public void A_422_names_the_field_and_metadata_before_READY_is_not_ready()
    {
        var eid = Seed(1).Single();
        var invalid = Shell.Run($"Get-TeleportCaptureMetadata -Eid {eid} -Profile bogus");
        var error = invalid.Errors.Single();
        Assert.StartsWith("Teleport.Http.422", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("profiles", (string)error.TargetObject);
        Assert.Contains("profiles", error.Exception.Message);

        var processing = Seed(1, "PROCESSING").Single();
        var notReady = Shell.Run($"Get-TeleportCaptureMetadata -Eid {processing}");
        Assert.StartsWith("Teleport.", notReady.Errors.Single().FullyQualifiedErrorId);
        Assert.Contains(notReady.Errors.Single().FullyQualifiedErrorId.Split(',')[0], new[] { "Teleport.NotReady" });
    }

    [Fact]
    public void Tab_completes_eids_of_the_session()
    {
        var seeded = Seed(3, name: "Atrium");
        var result = Shell.Run("(TabExpansion2 -inputScript 'Get-TeleportCapture -Eid ' -cursorColumn 25).CompletionMatches | ForEach-Object CompletionText").ThrowOnError();
        Assert.Equal(seeded.OrderBy(e => e, StringComparer.OrdinalIgnoreCase), result.Output.Select(o => o.ToString()));

        var prefix = seeded[0][..3];
        var narrowed = Shell.Run($"(TabExpansion2 -inputScript 'Remove-TeleportCapture -Eid {prefix}' -cursorColumn {27 + prefix.Length}).CompletionMatches | ForEach-Object ToolTip").ThrowOnError();
        Assert.Contains(narrowed.Output, o => o.ToString().Contains("Atrium"));
    }
}
