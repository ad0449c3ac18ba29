using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;
using AnimationTools.Tests.Danim;

namespace AnimationTools.Tests.Reliability;

/// <summary>Danim's paid create and its mp4 download under lost answers, 5xx and cut bodies.</summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class DanimTransferReliabilityTests(EmulatorFixture emulator) : DanimModuleTestBase(emulator)
{
    [Fact]
    public void Danim_creates_with_lost_or_failed_answers_make_one_video_each()
    {
        Connect();
        var kinds = new[] { FaultKind.LostResponse, FaultKind.Status, FaultKind.ReplaceStatus };
        int trials = 6, duplicates = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var before = State.ListVideos().Count;
            var kind = kinds[trial % kinds.Length];
            Emulator.AddFault(new FaultDefinition
            {
                Service = "danim", Method = "POST", Path = "^/danim/write/video/create$", Kind = kind,
                Status = kind == FaultKind.LostResponse ? null : (trial % 2 == 0 ? 502 : 503),
            });
            var result = Shell.Run($"New-DanimVideo -TemplateId $review -TemplateData @{{ score = 4 }} -Name 'Trial {trial}' -WarningAction SilentlyContinue | Wait-Job -Timeout 60 | Receive-Job");
            var made = State.ListVideos().Count - before;
            duplicates += Math.Max(0, made - 1);
            if (result.Output.Count == 0 && result.Errors.Count == 0) hangs++;
            else if (made == 1 && result.Errors.Count == 0 && (string)result.Output.Single().Properties["State"].Value == "DONE") handled++;
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "Danim", Case = "write/video/create answer lost, 502 after acting, 503 before", Trials = trials, Faults = trials,
            Duplicates = duplicates, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, duplicates);
        Assert.Equal(trials, handled);
    }

    [Fact]
    public void Danim_mp4_downloads_cut_at_random_offsets_arrive_whole()
    {
        Connect();
        var random = new Random(11);
        var id = Shell.Run("(New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } | Wait-Job -Timeout 30 | Receive-Job).Id").ThrowOnError().Output.Single().ToString();
        var expected = SHA256.HashData(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "src", "AnimationTools.Emulator", "Danim", "Samples", "video.mp4")));
        int trials = 4, faults = 0, losses = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var cuts = random.Next(1, 4);
            faults += cuts;
            Emulator.AddFault(new FaultDefinition { Service = "danim", Method = "GET", Path = "/raw\\.mp4$", Kind = FaultKind.CutBody, AfterBytes = random.Next(1, 2000), Count = cuts });
            var result = Shell.Run($"Save-DanimVideo -Id {id} -Destination ./trial{trial}.mp4");
            var saved = result.Output.SingleOrDefault()?.BaseObject as FileInfo;
            var whole = saved != null && SHA256.HashData(File.ReadAllBytes(saved.FullName)).SequenceEqual(expected)
                && !File.Exists(saved.FullName + ".partial");
            if (whole && result.Errors.Count == 0) handled++;
            else losses++;
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "Danim", Case = "mp4 download cut 1-3 times at random offsets", Trials = trials, Faults = faults, Losses = losses, Handled = handled,
        });
        Assert.Equal(0, losses);
        Assert.Equal(trials, handled);
    }
}
