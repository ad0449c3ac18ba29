using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A test of the Hour One cmdlets: fresh emulator state with short timings (100 ms started, 600 ms processing), a
/// fresh runspace whose location is the test's folder, <c>$key</c> (the demo key as a SecureString), <c>$endpoint</c>
/// (the API root) and <c>$work</c>.
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class HourOneCmdletTestBase : IDisposable
{
    protected const string ApiKey = "demo-api-key";

    protected HourOneCmdletTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Emulator.Control("hourone/config", new { startedMs = 100, processingMs = 600 });
        Endpoint = emulator.Server.ServiceUrl("hourone") + "/api/v1";
        Work = Directory.CreateTempSubdirectory("hourone-").FullName;
        Shell = new PowerShellHost();
        Shell.Runspace.SessionStateProxy.Path.SetLocation(Work);
        Shell.SetVariable("key", ToSecure(ApiKey));
        Shell.SetVariable("endpoint", Endpoint);
        Shell.SetVariable("work", Work);
    }

    protected EmulatorFixture Emulator { get; }

    protected PowerShellHost Shell { get; }

    protected string Endpoint { get; }

    protected string Work { get; }

    protected ScriptResult Connect(string extra = "") =>
        Shell.Run($"Connect-HourOne -ApiKey $key -Endpoint $endpoint -PollIntervalSeconds 0.1 {extra}").ThrowOnError();

    protected IReadOnlyList<RecordedRequest> Requests() => Emulator.Requests("hourone");

    /// <summary>The POST /videos requests the emulator received, oldest first.</summary>
    protected List<RecordedRequest> VideoPosts() => Requests().Where(r => r.Method == "POST" && r.Path == "/hourone/api/v1/videos").ToList();

    /// <summary>Every video the emulator holds, as its control API shows them.</summary>
    protected List<JsonElement> ControlVideos() => Emulator.ControlGet("hourone/videos").EnumerateArray().ToList();

    protected static System.Security.SecureString ToSecure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    public void Dispose()
    {
        Shell.Run("Get-Job | Remove-Job -Force");
        Shell.Run("Get-AnimationSession | Disconnect-AnimationService");
        Shell.Dispose();
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }
}
