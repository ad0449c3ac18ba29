using System.Diagnostics;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Teleport's upload and download paths under random faults: every upload arrives byte-identical as one capture (no
/// duplicate from a lost answer to the creation or the completion), every model file arrives byte-identical and no
/// partial file ever has a final name.
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class TeleportReliabilityTests : TeleportCmdletTestBase
{
    public TeleportReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    static FaultDefinition RandomUploadFault(Random random)
    {
        var part = random.Next(1, 5);
        var putPath = $"^/teleport/_s3/uploads/[^/]+/parts/{part}$";
        switch (random.Next(0, 8))
        {
            case 0: return new FaultDefinition { Service = "teleport", Method = "PUT", Path = putPath, Kind = FaultKind.Drop, AfterBytes = random.Next(0, 4000), Count = random.Next(1, 4) };
            case 1: return new FaultDefinition { Service = "teleport", Method = "PUT", Path = putPath, Kind = FaultKind.Status, Status = 503, Count = random.Next(1, 4) };
            case 2: return new FaultDefinition { Service = "teleport", Method = "PUT", Path = putPath, Kind = FaultKind.Status, Status = 403, Count = 2 };
            case 3: return new FaultDefinition { Service = "teleport", Method = "PUT", Path = putPath, Kind = FaultKind.LostResponse };
            case 4: return new FaultDefinition { Service = "teleport", Method = "POST", Path = "/create-upload-url/", Kind = FaultKind.Status, Status = 503, Count = random.Next(1, 3) };
            case 5: return new FaultDefinition { Service = "teleport", Method = "POST", Path = "^/teleport/api/v1/captures$", Kind = FaultKind.LostResponse };
            case 6: return new FaultDefinition { Service = "teleport", Method = "POST", Path = "/uploaded$", Kind = FaultKind.LostResponse };
            default: return new FaultDefinition { Service = "teleport", Method = "POST", Path = "/uploaded$", Kind = FaultKind.Status, Status = 500 };
        }
    }

    [Fact]
    public void Teleport_uploads_under_random_faults_arrive_whole_as_one_capture()
    {
        var random = new Random(9);
        var expected = File.ReadAllBytes(Path.Combine(Work, "clip.mp4"));
        int trials = 12, faults = 0, losses = 0, duplicates = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Reset();
            Configure(new { chunkSize = 4096, processingMs = 100 });
            Shell.Run("Get-Job | Remove-Job -Force; Get-AnimationSession | Disconnect-AnimationService");
            Connect();
            Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
            Emulator.AddFault(RandomUploadFault(random));
            faults++;

            var watch = Stopwatch.StartNew();
            var result = Shell.Run("New-TeleportCapture ./clip.mp4 | Wait-Job -Timeout 60 | Receive-Job");
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) hangs++;
            var captures = Emulator.Server.State.Teleport.ListCaptures();
            duplicates += Math.Max(0, captures.Count - 1);
            var ready = result.Errors.Count == 0 && result.Output.Count == 1 && (string)result.Output[0].Properties["State"].Value == "READY";
            var whole = captures.Count >= 1 && captures.Any(c => c.State == "READY" && UploadedFile(c.Eid).AsSpan().SequenceEqual(expected));
            if (ready && !whole) losses++;
            if (ready && whole) handled++;
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "Teleport", Case = "New-TeleportCapture with a random fault on a part PUT, a part URL, the creation or the completion",
            Trials = trials, Faults = faults, Losses = losses, Duplicates = duplicates, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, losses);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, hangs);
        Assert.Equal(trials, handled);
    }

    [Fact]
    public void Teleport_model_downloads_cut_off_at_random_arrive_whole_and_never_partial_under_their_name()
    {
        var random = new Random(10);
        var eid = Emulator.Server.State.Teleport.SeedCaptures(1, "demo", null, "READY", null, "video").Single();
        Connect();
        Shell.Run($"Save-TeleportCapture -Eid {eid} -Profile ply, sogs-sh0 -Quality hd -Destination ./reference").ThrowOnError();
        var reference = Directory.GetFiles(Path.Combine(Work, "reference")).ToDictionary(Path.GetFileName, File.ReadAllBytes);
        int trials = 8, faults = 0, losses = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var profile = random.Next(0, 2) == 0 ? "ply" : "sogs-sh0";
            Emulator.AddFault(new FaultDefinition { Service = "teleport", Method = "GET", Path = $"^/teleport/_cdn/[^/]+/{profile}/", Kind = FaultKind.CutBody, AfterBytes = random.Next(0, 60_000), Count = random.Next(1, 4) });
            faults++;
            var folder = Path.Combine(Work, "trial" + trial);
            var watch = Stopwatch.StartNew();
            var result = Shell.Run($"Save-TeleportCapture -Eid {eid} -Profile ply, sogs-sh0 -Quality hd -Destination '{folder}'");
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) hangs++;
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : new string[0];
            var complete = files.Where(f => !f.EndsWith(".partial")).ToList();
            var identical = complete.All(f => reference.TryGetValue(Path.GetFileName(f), out var bytes) && bytes.AsSpan().SequenceEqual(File.ReadAllBytes(f)));
            if (!identical) losses++;
            if (result.Errors.Count == 0 && identical && complete.Count == reference.Count && files.Length == complete.Count) handled++;
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "Teleport", Case = "Save-TeleportCapture with model downloads cut off 1-3 times at a random byte",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, losses);
        Assert.Equal(0, hangs);
        Assert.Equal(trials, handled);
    }
}
