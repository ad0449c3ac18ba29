using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>
/// Parts that fail are tried again alone, expired URLs are renewed, a wrong ETag is a typed error, and an upload cut
/// off by a lost network or Ctrl+C is continued by running the same command again, without sending a part twice.
/// </summary>
public sealed class TeleportResumeTests : TeleportCmdletTestBase
{
    const int Chunk = 64 * 1024;

    public TeleportResumeTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    string Video(string name, int bytes)
    {
        var data = TeleportApi.Bytes(bytes, seed: bytes);
        "\0\0\0\u0018ftypisom"u8.ToArray().CopyTo(data, 0);
        var path = Path.Combine(Work, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    string OnlyEid() => Emulator.Server.State.Teleport.ListCaptures().Single().Eid;

    static JsonElement Part(JsonElement upload, int number) => Parts(upload).Single(p => p.GetProperty("number").GetInt32() == number);

    [Fact]
    public void A_part_failing_twice_is_retried_alone_with_a_fresh_url()
    {
        Configure(new { chunkSize = Chunk });
        var path = Video("walk.mp4", Chunk * 4 + 500);
        Emulator.AddFault(new FaultDefinition { Service = "teleport", Method = "PUT", Path = "^/teleport/_s3/uploads/[^/]+/parts/2$", Kind = FaultKind.Drop, AfterBytes = 1000, Count = 2 });
        Connect();

        var result = Shell.Run("New-TeleportCapture ./walk.mp4 -Verbose").ThrowOnError();

        var upload = Upload(OnlyEid());
        Assert.Equal(3, Part(upload, 2).GetProperty("attempts").GetInt32());
        Assert.Equal(3, Part(upload, 2).GetProperty("urlsIssued").GetInt32());
        foreach (var number in new[] { 1, 3, 4, 5 })
        {
            Assert.Equal(1, Part(upload, number).GetProperty("attempts").GetInt32());
            Assert.Equal(1, Part(upload, number).GetProperty("urlsIssued").GetInt32());
        }
        Assert.All(Parts(upload), p => Assert.Equal(1, p.GetProperty("puts").GetInt32()));
        Assert.Equal(File.ReadAllBytes(path), UploadedFile(OnlyEid()));
        Assert.Equal(2, result.Verbose.Count(v => v.Contains("part 2 of 'walk.mp4' failed")));
    }

    [Fact]
    public void An_expired_part_url_is_renewed()
    {
        Configure(new { chunkSize = Chunk, partUrlLifetimeSeconds = 1 });
        var path = Video("walk.mp4", Chunk * 3);
        // Part 3's PUT reaches the storage after its URL expired.
        Emulator.AddFault(new FaultDefinition { Service = "teleport", Method = "PUT", Path = "^/teleport/_s3/uploads/[^/]+/parts/3$", Kind = FaultKind.Delay, DelayMs = 1600 });
        Connect();

        Shell.Run("New-TeleportCapture ./walk.mp4").ThrowOnError();

        var refused = PartPuts().Where(p => p.Path.EndsWith("/parts/3") && p.Status == 403).ToList();
        Assert.Single(refused);
        Assert.Equal(2, Part(Upload(OnlyEid()), 3).GetProperty("urlsIssued").GetInt32());
        Assert.Equal(File.ReadAllBytes(path), UploadedFile(OnlyEid()));
    }

    [Fact]
    public void A_wrong_etag_at_completion_is_a_typed_error_and_the_rerun_sends_only_that_part()
    {
        Configure(new { chunkSize = Chunk });
        var path = Video("walk.mp4", Chunk * 3 + 10);
        Emulator.AddFault(new FaultDefinition
        {
            Service = "teleport", Method = "PUT", Path = "^/teleport/_s3/uploads/[^/]+/parts/2$", Kind = FaultKind.ReplaceBody, Body = "",
            Headers = new Dictionary<string, string> { ["ETag"] = "\"00000000000000000000000000000000\"" },
        });
        Connect();

        var failed = Shell.Run("New-TeleportCapture ./walk.mp4");
        var error = failed.Errors.Single();
        Assert.StartsWith("Teleport.Upload.InvalidETag", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("part(s) 2", error.Exception.Message);
        Assert.Equal(OnlyEid(), error.TargetObject);
        Assert.Contains("again", error.ErrorDetails.RecommendedAction);

        Shell.Run("New-TeleportCapture ./walk.mp4 | Wait-Job -Timeout 30 | Receive-Job").ThrowOnError();

        var upload = Upload(OnlyEid());
        Assert.Equal(2, Part(upload, 2).GetProperty("puts").GetInt32());
        foreach (var number in new[] { 1, 3, 4 })
        {
            Assert.Equal(1, Part(upload, number).GetProperty("puts").GetInt32());
        }
        Assert.Equal(File.ReadAllBytes(path), UploadedFile(OnlyEid()));
    }

    [Fact]
    public void An_upload_of_200_MB_cut_off_by_a_lost_network_is_continued_by_a_rerun_without_sending_a_part_twice()
    {
        Configure(new { storeUploads = false });
        SparseFile("big.mp4", 200L * 1024 * 1024);
        // After twelve parts the network is gone: every further PUT breaks.
        Emulator.AddFault(new FaultDefinition { Service = "teleport", Method = "PUT", Path = "^/teleport/_s3/", Kind = FaultKind.Drop, AfterBytes = 0, Skip = 12, Count = 100_000 });
        Connect();

        var failed = Shell.Run("New-TeleportCapture ./big.mp4");
        Assert.StartsWith("Teleport.UploadFailed", failed.Errors.Single().FullyQualifiedErrorId);
        Assert.Contains("again", failed.Errors.Single().ErrorDetails.RecommendedAction);
        var eid = OnlyEid();
        var storedBefore = Parts(Upload(eid)).Count(p => p.GetProperty("puts").GetInt32() == 1);
        Assert.Equal(12, storedBefore);

        Emulator.Server.State.Faults.Clear();
        var rerun = Shell.Run("New-TeleportCapture ./big.mp4 -Verbose | Wait-Job -Timeout 60 | Receive-Job").ThrowOnError();

        Assert.Equal(eid, rerun.Output.Single().Properties["Eid"].Value);
        Assert.Single(Emulator.Server.State.Teleport.ListCaptures());
        var upload = Upload(eid);
        Assert.True(upload.GetProperty("completed").GetBoolean());
        Assert.Equal(40, upload.GetProperty("numParts").GetInt32());
        Assert.All(Parts(upload), p => Assert.Equal(1, p.GetProperty("puts").GetInt32()));
        Assert.Contains(rerun.Verbose, v => v.Contains("continuing the upload") && v.Contains(eid));
        Assert.Contains(rerun.Verbose, v => v.Contains("12 of 40 parts were uploaded before"));
        Assert.Empty(Directory.GetFiles(JournalFolder));
    }

    [Fact]
    public void An_upload_of_200_MB_stopped_by_Ctrl_C_is_continued_by_a_rerun_that_resends_no_journaled_part()
    {
        // 8 MiB/s a connection: the upload takes seconds, so it can be stopped in the middle.
        Configure(new { storeUploads = false, partBandwidth = 8 * 1024 * 1024 });
        SparseFile("big.mp4", 200L * 1024 * 1024);
        Connect();

        var (shell, handle) = Shell.Begin("New-TeleportCapture ./big.mp4");
        WaitUntil(() => Emulator.Server.State.Teleport.ListCaptures().Count == 1, TimeSpan.FromSeconds(30));
        var eid = OnlyEid();
        WaitUntil(() => Parts(Upload(eid)).Count(p => p.GetProperty("puts").GetInt32() > 0) >= 8, TimeSpan.FromSeconds(60));
        shell.Stop();
        Assert.True(handle.IsCompleted);
        shell.Dispose();
        Assert.False(Upload(eid).GetProperty("completed").GetBoolean());

        var journaled = JournaledParts();
        Assert.True(journaled.Count >= 8, $"{journaled.Count} parts journaled");

        Configure(new { partBandwidth = 0 });
        Shell.Run("New-TeleportCapture ./big.mp4 | Wait-Job -Timeout 60 | Receive-Job").ThrowOnError();

        Assert.Single(Emulator.Server.State.Teleport.ListCaptures());
        var upload = Upload(eid);
        Assert.True(upload.GetProperty("completed").GetBoolean());
        var seen = string.Join(" ", Parts(upload).Select(p => $"{p.GetProperty("number")}:{p.GetProperty("puts")}{(journaled.Contains(p.GetProperty("number").GetInt32()) ? "j" : "")}"));
        foreach (var part in Parts(upload))
        {
            var number = part.GetProperty("number").GetInt32();
            var puts = part.GetProperty("puts").GetInt32();
            if (journaled.Contains(number))
            {
                Assert.True(puts == 1, $"journaled part {number} was sent {puts} times");
            }
            else
            {
                // Only a part whose answer the stop cut off can have been stored once before the rerun sent it.
                Assert.True(puts >= 1 && puts <= 2, $"part {number} was stored {puts} times: {seen}");
            }
        }
        var twice = Parts(upload).Sum(p => p.GetProperty("puts").GetInt32()) - 40;
        Assert.True(twice >= 0 && twice <= 4, $"{twice} parts were stored twice: {seen}");
    }

    /// <summary>The part numbers the journal holds an ETag for.</summary>
    HashSet<int> JournaledParts()
    {
        var parts = new HashSet<int>();
        foreach (var log in Directory.GetFiles(JournalFolder, "*.log"))
        {
            foreach (var line in File.ReadAllLines(log))
            {
                var fields = line.Split('\t');
                if (fields.Length == 2 && fields[0].StartsWith("part.") && fields[1].Length > 0)
                {
                    parts.Add(int.Parse(fields[0]["part.".Length..]));
                }
                else if (fields.Length == 2 && fields[0].StartsWith("part."))
                {
                    parts.Remove(int.Parse(fields[0]["part.".Length..]));
                }
            }
        }
        return parts;
    }
}
