using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// A test of the Avatar SDK cmdlets: fresh emulator state, a fresh runspace whose location is the test's folder (with
/// <c>me.jpg</c>, a real JPEG, in it), <c>$cred</c> (demo / demo-secret), <c>$endpoint</c>, <c>$work</c>, and a static-file
/// cache of its own.
/// </summary>
[Collection(EmulatorCollection.Name)]
public abstract class AvatarSdkTestBase : IDisposable
{
    protected AvatarSdkTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Work = Directory.CreateTempSubdirectory("avatarsdk-").FullName;
        File.Copy(Path.Combine(RepoPaths.Assets, "pose.jpg"), Path.Combine(Work, "me.jpg"));
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_CACHE", Path.Combine(Work, "cache"));
        Shell = new PowerShellHost();
        Shell.Runspace.SessionStateProxy.Path.SetLocation(Work);
        Shell.SetVariable("cred", new PSCredential("demo", ToSecure("demo-secret")));
        Shell.SetVariable("endpoint", emulator.AvatarSdkUrl);
        Shell.SetVariable("work", Work);
    }

    protected EmulatorFixture Emulator { get; }

    protected PowerShellHost Shell { get; }

    protected string Work { get; }

    protected ScriptResult Connect(string extra = "") =>
        Shell.Run($"Connect-AvatarSdk -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 0.1 {extra}").ThrowOnError();

    protected IReadOnlyList<RecordedRequest> Requests() => Emulator.Requests("avatarsdk");

    /// <summary>The POST /avatars/ requests the emulator received, oldest first.</summary>
    protected List<RecordedRequest> AvatarPosts() => Requests().Where(r => r.Method == "POST" && r.Path == "/avatarsdk/avatars/").ToList();

    protected void Configure(object settings) => Emulator.Control("avatarsdk/config", settings);

    protected IReadOnlyList<string> Seed(int count, object extra = null)
    {
        var body = new Dictionary<string, object> { ["count"] = count };
        if (extra != null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                body[property.Name] = property.GetValue(extra);
            }
        }
        return Emulator.Server.State.AvatarSdk.SeedAvatars(count, (string)body.GetValueOrDefault("clientId", "demo"), (string)body.GetValueOrDefault("playerCode"),
            (string)body.GetValueOrDefault("name"), (string)body.GetValueOrDefault("description"), (string)body.GetValueOrDefault("pipeline"), (string)body.GetValueOrDefault("status"));
    }

    protected static JsonElement ParseJson(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>Structural equality of two JSON texts (key order ignored).</summary>
    protected static void AssertSameJson(string expected, string actual)
    {
        Assert.True(JsonElement.DeepEquals(ParseJson(expected), ParseJson(actual)), $"expected {expected}\nactual   {actual}");
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

    public void Dispose()
    {
        Shell.Run("Get-Job | Remove-Job -Force");
        Shell.Run("Get-AnimationSession | Disconnect-AnimationService");
        Shell.Dispose();
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_CACHE", null);
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
    }
}
