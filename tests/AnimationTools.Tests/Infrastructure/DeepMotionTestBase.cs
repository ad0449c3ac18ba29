using System.Management.Automation;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A test with a fresh emulator state and a fresh PowerShell runspace with the module imported and
/// <c>$cred</c>, <c>$endpoint</c> and <c>$assets</c> set.
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class DeepMotionTestBase : IDisposable
{
    protected DeepMotionTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Shell = new PowerShellHost();
        Work = Directory.CreateTempSubdirectory("animtools-").FullName;
        // Unfinished uploads are journaled here, not in the user's local application data.
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_STATE", Path.Combine(Work, "state"));
        Shell.SetVariable("cred", new PSCredential("demo", ToSecure("demo-secret")));
        Shell.SetVariable("endpoint", emulator.DeepMotionUrl);
        Shell.SetVariable("assets", RepoPaths.Assets);
        Shell.SetVariable("work", Work);
    }

    protected EmulatorFixture Emulator { get; }

    protected PowerShellHost Shell { get; }

    /// <summary>A temporary folder of this test.</summary>
    protected string Work { get; }

    /// <summary>The upload journal's folder of this test ($env:ANIMATIONTOOLS_STATE/uploads).</summary>
    protected string JournalFolder => Path.Combine(Work, "state", "uploads");

    protected ScriptResult Connect() =>
        Shell.Run("Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 0.1").ThrowOnError();

    protected static System.Security.SecureString ToSecure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    protected string Asset(string name) => Path.Combine(RepoPaths.Assets, name);

    /// <summary>A file of random bytes with a video extension (content the emulator stores but cannot parse).</summary>
    protected string RandomVideo(string name, int bytes)
    {
        var path = Path.Combine(Work, name);
        var data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }

    public void Dispose()
    {
        Shell.Run("Get-Job | Remove-Job -Force");
        Shell.Run("Get-AnimationSession | Disconnect-AnimationService");
        Shell.Dispose();
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_STATE", null);
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }
}
