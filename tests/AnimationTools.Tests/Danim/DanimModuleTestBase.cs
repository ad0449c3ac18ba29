using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>
/// A test of the Danim cmdlets: fresh emulator state (fast generations, a generous request quota), a fresh runspace
/// whose location is the test's folder (with <c>me.jpg</c>, a real JPEG), <c>$endpoint</c>, <c>$cred</c> (demo /
/// demo-secret), <c>$review</c>, <c>$example</c> and <c>$everyRule</c> (the seeded template ids).
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class DanimModuleTestBase : IDisposable
{
    public const string Secret = "demo-secret";

    protected DanimModuleTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Emulator.Control("danim/config", new { pendingMs = 100, generatingMs = 200, requestsPerMinute = 10000 });
        Work = Directory.CreateTempSubdirectory("danim-").FullName;
        File.Copy(Path.Combine(RepoPaths.Assets, "pose.jpg"), Path.Combine(Work, "me.jpg"));
        File.Copy(Path.Combine(RepoPaths.Assets, "walk.mp4"), Path.Combine(Work, "clip.mp4"));
        Shell = new PowerShellHost();
        Shell.Runspace.SessionStateProxy.Path.SetLocation(Work);
        var secure = new System.Security.SecureString();
        foreach (var c in Secret) secure.AppendChar(c);
        Shell.SetVariable("cred", new PSCredential("demo", secure));
        Shell.SetVariable("endpoint", emulator.DanimUrl);
        Shell.SetVariable("review", DanimTestBase.ReviewTemplate);
        Shell.SetVariable("example", DanimTestBase.CreateExampleTemplate);
        Shell.SetVariable("everyRule", DanimTestBase.EveryRuleTemplate);
    }

    protected EmulatorFixture Emulator { get; }

    protected PowerShellHost Shell { get; }

    protected string Work { get; }

    protected ScriptResult Connect(string extra = "") =>
        Shell.Run($"Connect-Danim -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 0.1 {extra}").ThrowOnError();

    protected IReadOnlyList<RecordedRequest> Requests() => Emulator.Requests("danim");

    /// <summary>The write requests (anything but GraphQL reads) the emulator received.</summary>
    protected List<RecordedRequest> Writes() => Requests().Where(r => !r.Path.StartsWith("/danim/read", StringComparison.Ordinal)).ToList();

    protected AnimationTools.Emulator.Danim.DanimState State => Emulator.Server.State.Danim;

    public void Dispose()
    {
        Shell.Run("Get-Job | Remove-Job -Force");
        Shell.Run("Get-AnimationSession | Disconnect-AnimationService");
        Shell.Dispose();
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
