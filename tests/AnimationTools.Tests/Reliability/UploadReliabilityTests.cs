using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Uploads through broken connections at random offsets and bursts of 5xx answers: every file arrives
/// byte-identical, or the command ends with a typed error and nothing claims to be complete.
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class UploadReliabilityTests : DeepMotionTestBase
{
    const int ChunkSize = 256 * 1024;

    public UploadReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void DeepMotion_resumable_uploads_arrive_whole_through_drops_and_5xx_bursts()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(20)").ThrowOnError();
        var random = new Random(20261201);
        int trials = 15, faults = 0, losses = 0, hangs = 0, handled = 0;

        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Reset();
            var name = $"trial{trial}.mp4";
            var path = RandomVideo(name, random.Next(3 * ChunkSize, 7 * ChunkSize));
            var chunks = (int)Math.Ceiling(new FileInfo(path).Length / (double)ChunkSize);
            var fault = (trial % 3) switch
            {
                // A connection broken inside a chunk, at a random offset, one to three times.
                0 => new FaultDefinition { Kind = FaultKind.Drop, AfterBytes = random.Next(1, ChunkSize), Count = random.Next(1, 4), Skip = random.Next(0, chunks) },
                // A burst of "service unavailable" answers of up to five in a row (the documented six attempts).
                1 => new FaultDefinition { Kind = FaultKind.Status, Status = 503, Count = random.Next(1, 6), Skip = random.Next(0, chunks) },
                _ => new FaultDefinition { Kind = FaultKind.Status, Status = random.Next(0, 2) == 0 ? 500 : 502, Count = random.Next(1, 4), Skip = random.Next(0, chunks) },
            };
            fault.Service = "deepmotion";
            fault.Method = "PUT";
            fault.Path = "/storage/sessions/";
            Emulator.AddFault(fault);
            faults += fault.Count;

            var (shell, handle) = Shell.Begin($"Send-Video -LiteralPath '{path}' -ChunkSize {ChunkSize}");
            using (shell)
            {
                if (!handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)))
                {
                    hangs++;
                    shell.Stop();
                    continue;
                }
                var output = shell.EndInvoke(handle);
                var upload = Emulator.ControlGet("deepmotion/uploads").EnumerateArray().SingleOrDefault(u => u.GetProperty("name").GetString() == name);
                var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
                var whole = upload.ValueKind != System.Text.Json.JsonValueKind.Undefined && upload.GetProperty("complete").GetBoolean()
                    && upload.GetProperty("sha256").GetString() == expected;
                if (output.Count == 1 && whole && shell.Streams.Error.Count == 0)
                {
                    handled++;
                }
                else
                {
                    losses++;
                }
            }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "DeepMotion", Case = "resumable upload: drops at random offsets, 5xx bursts",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.Equal(0, hangs);
        Assert.Equal(0, losses);
        Assert.Equal(trials, handled);
    }

    [Theory]
    [InlineData(FaultKind.Status, 5)]
    [InlineData(FaultKind.Drop, 5)]
    public void A_burst_of_five_failures_during_chunk_PUTs_does_not_end_the_upload(FaultKind kind, int count)
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(20)").ThrowOnError();
        var path = RandomVideo("burst.mp4", 5 * ChunkSize + 999);
        Emulator.AddFault(new FaultDefinition
        {
            Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = kind, Status = 503, AfterBytes = 1000, Count = count, Skip = 1,
        });

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {ChunkSize}").ThrowOnError();

        Assert.Single(result.Output);
        var upload = Emulator.ControlGet("deepmotion/uploads").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "burst.mp4");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), upload.GetProperty("sha256").GetString());
    }
}
