using System.Management.Automation;
using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>
/// A resumable upload cut short by Ctrl+C, a crash or a failure continues on a rerun of Send-Video on the same,
/// unchanged file: the session is kept in the upload journal ($env:ANIMATIONTOOLS_STATE), the server is asked how far
/// it got, and only the rest is sent.
/// </summary>
public sealed class UploadResumeTests : DeepMotionTestBase
{
    const int Chunk = 256 * 1024;

    public UploadResumeTests(EmulatorFixture emulator) : base(emulator) { }

    List<RecordedRequest> SessionPuts(long afterSeq = 0) =>
        Emulator.Requests().Where(r => r.Seq > afterSeq && r.Method == "PUT" && r.Path.Contains("/storage/sessions/")).ToList();

    long LastSeq() => Emulator.Requests().Select(r => r.Seq).DefaultIfEmpty(0).Max();

    System.Text.Json.JsonElement StoredUpload(string name) =>
        Emulator.ControlGet("deepmotion/uploads").EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);

    static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void An_upload_stopped_midway_continues_on_a_rerun_and_sends_only_the_remaining_bytes()
    {
        Connect();
        var path = RandomVideo("long.mp4", 8 * Chunk + 4321);
        // The fourth chunk hangs, so the upload is surely midway when Ctrl+C comes.
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = FaultKind.Delay, DelayMs = 20_000, Skip = 3 });

        var (shell, handle) = Shell.Begin($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk}");
        using (shell)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (SessionPuts().Count < 4 && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.Equal(4, SessionPuts().Count);
            shell.Stop();
            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(handle));
        }
        Assert.False(StoredUpload("long.mp4").GetProperty("complete").GetBoolean());
        Assert.Single(Directory.GetFiles(JournalFolder, "*.json"));
        var before = LastSeq();

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk} -Verbose").ThrowOnError();

        var rerun = Emulator.Requests().Where(r => r.Seq > before).ToList();
        Assert.DoesNotContain(rerun, r => r.Path == "/deepmotion/upload");
        Assert.DoesNotContain(rerun, r => r.Method == "POST" && r.Path.Contains("/storage/"));
        var puts = SessionPuts(before);
        Assert.StartsWith("bytes */", puts[0].Headers["Content-Range"]);
        Assert.Equal(8 * Chunk + 4321 - 3 * Chunk, puts.Sum(p => p.BodyLength));
        Assert.StartsWith($"bytes {3 * Chunk}-", puts[1].Headers["Content-Range"]);
        Assert.Contains(result.Verbose, v => v.Contains("continuing the upload of 'long.mp4'"));

        var upload = StoredUpload("long.mp4");
        Assert.True(upload.GetProperty("complete").GetBoolean());
        Assert.Equal(Sha256(path), upload.GetProperty("sha256").GetString());
        var video = result.Output.Single();
        Assert.EndsWith("/long.mp4", (string)video.Properties["Url"].Value);
        Assert.Empty(Directory.GetFiles(JournalFolder, "*.json"));
    }

    [Fact]
    public void An_upload_that_failed_continues_on_a_rerun()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        var path = RandomVideo("flaky.mp4", 5 * Chunk + 17);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = FaultKind.Status, Status = 503, Count = 6, Skip = 2 });

        var failed = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk}");
        Assert.StartsWith("DeepMotion.UploadFailed,", Assert.Single(failed.Errors).FullyQualifiedErrorId);
        var before = LastSeq();

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk}").ThrowOnError();

        Assert.Single(result.Output);
        Assert.Equal(5 * Chunk + 17 - 2 * Chunk, SessionPuts(before).Sum(p => p.BodyLength));
        Assert.DoesNotContain(Emulator.Requests(), r => r.Seq > before && r.Path == "/deepmotion/upload");
        Assert.Equal(Sha256(path), StoredUpload("flaky.mp4").GetProperty("sha256").GetString());
        Assert.Single(Emulator.ControlGet("deepmotion/uploads").EnumerateArray());
    }

    [Fact]
    public void A_rerun_starts_again_when_the_saved_session_is_gone()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        var path = RandomVideo("gone.mp4", 3 * Chunk);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = FaultKind.Status, Status = 503, Count = 6, Skip = 1 });
        Assert.Single(Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk}").Errors);
        // The service forgets everything, the session among it (it answers 404 to the status query).
        Emulator.Reset();

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk} -Verbose").ThrowOnError();

        Assert.Single(result.Output);
        Assert.Contains(result.Verbose, v => v.Contains("is gone (404)"));
        var requests = Emulator.Requests();
        Assert.Contains(requests, r => r.Path == "/deepmotion/upload");
        Assert.Equal(3 * Chunk, SessionPuts().Sum(p => p.BodyLength));
        Assert.Equal(Sha256(path), StoredUpload("gone.mp4").GetProperty("sha256").GetString());
        Assert.Empty(Directory.GetFiles(JournalFolder, "*.json"));
    }

    [Fact]
    public void A_file_changed_since_the_failed_upload_is_uploaded_from_the_start()
    {
        Connect();
        Shell.Run("(Get-AnimationSession -Current).Retry.BaseDelay = [TimeSpan]::FromMilliseconds(10)").ThrowOnError();
        var path = RandomVideo("edited.mp4", 3 * Chunk);
        Emulator.AddFault(new FaultDefinition { Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = FaultKind.Status, Status = 503, Count = 6, Skip = 1 });
        Assert.Single(Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk}").Errors);
        File.AppendAllText(path, "more");
        var before = LastSeq();

        var result = Shell.Run($"Send-Video -LiteralPath '{path}' -ChunkSize {Chunk}").ThrowOnError();

        Assert.Single(result.Output);
        Assert.Contains(Emulator.Requests(), r => r.Seq > before && r.Path == "/deepmotion/upload");
        Assert.Equal(3 * Chunk + 4, SessionPuts(before).Sum(p => p.BodyLength));
        var uploads = Emulator.ControlGet("deepmotion/uploads").EnumerateArray().Where(u => u.GetProperty("complete").GetBoolean()).ToList();
        Assert.Equal(Sha256(path), Assert.Single(uploads).GetProperty("sha256").GetString());
    }
}
