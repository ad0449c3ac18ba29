using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A test of the Teleport cmdlets: fresh emulator state, a fresh runspace whose location is the test's folder (with
/// <c>clip.mp4</c>, a real MP4), <c>$cred</c> (demo / demo-secret), <c>$endpoint</c>, <c>$tokenEndpoint</c>,
/// <c>$work</c>, and an upload journal of its own ($env:ANIMATIONTOOLS_STATE).
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class TeleportCmdletTestBase : IDisposable
{
    protected TeleportCmdletTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Work = Directory.CreateTempSubdirectory("teleport-").FullName;
        File.Copy(Path.Combine(RepoPaths.Assets, "walk.mp4"), Path.Combine(Work, "clip.mp4"));
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_STATE", Path.Combine(Work, "state"));
        Shell = new PowerShellHost();
        Shell.Runspace.SessionStateProxy.Path.SetLocation(Work);
        Shell.SetVariable("cred", new PSCredential("demo", ToSecure("demo-secret")));
        Shell.SetVariable("endpoint", emulator.TeleportUrl);
        Shell.SetVariable("tokenEndpoint", emulator.TeleportTokenUrl);
        Shell.SetVariable("work", Work);
    }

    protected EmulatorFixture Emulator { get; }

    protected PowerShellHost Shell { get; }

    protected string Work { get; }

    /// <summary>The folder of the upload journal.</summary>
    protected string JournalFolder => Path.Combine(Work, "state", "uploads");

    protected ScriptResult Connect(string extra = "") =>
        Shell.Run($"Connect-Teleport -Credential $cred -Endpoint $endpoint -TokenEndpoint $tokenEndpoint -PollIntervalSeconds 0.1 {extra}").ThrowOnError();

    protected IReadOnlyList<RecordedRequest> Requests() => Emulator.Requests("teleport");

    protected List<RecordedRequest> PartPuts() => Requests().Where(r => r.Method == "PUT" && r.Path.Contains("/_s3/")).ToList();

    protected void Configure(object settings) => Emulator.Control("teleport/config", settings);

    /// <summary>The control API's view of one capture's upload (parts with size, MD5, PUT counts).</summary>
    protected JsonElement Upload(string eid) => Emulator.ControlGet("teleport/uploads/" + eid);

    /// <summary>Every capture's upload the emulator knows.</summary>
    protected JsonElement Uploads() => Emulator.ControlGet("teleport/uploads");

    protected static IEnumerable<JsonElement> Parts(JsonElement upload) => upload.GetProperty("parts").EnumerateArray();

    /// <summary>The uploaded file, as the emulator assembled it from the stored parts.</summary>
    protected byte[] UploadedFile(string eid)
    {
        using var http = new HttpClient();
        return http.GetByteArrayAsync(Emulator.Server.ControlUrl + "/teleport/uploads/" + eid + "/file").GetAwaiter().GetResult();
    }

    /// <summary>A file of <paramref name="bytes"/> bytes in the test's folder (sparse: it costs no disk until written).</summary>
    protected string SparseFile(string name, long bytes)
    {
        var path = Path.Combine(Work, name);
        using (var file = File.Create(path))
        {
            // An MP4's first box, so the cmdlet takes it for a video; the rest reads as zeros.
            var header = new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m' };
            file.Write(header);
            file.SetLength(bytes);
        }
        return path;
    }

    protected static System.Security.SecureString ToSecure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    protected static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            Thread.Sleep(50);
        }
    }

    public virtual void Dispose()
    {
        Shell.Run("Get-Job | Remove-Job -Force");
        Shell.Run("Get-AnimationSession | Disconnect-AnimationService");
        Shell.Dispose();
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_STATE", null);
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }
}
