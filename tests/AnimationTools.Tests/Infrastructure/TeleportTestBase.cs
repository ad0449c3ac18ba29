using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>A test of the Teleport emulator through plain HTTP: fresh emulator state and a <see cref="TeleportApi"/>.</summary>
[Collection(EmulatorCollection.Name)]
public abstract class TeleportTestBase : IDisposable
{
    protected TeleportTestBase(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Reset();
        Api = new TeleportApi(emulator);
    }

    protected EmulatorFixture Emulator { get; }

    protected TeleportApi Api { get; }

    /// <summary>Changes the running Teleport settings through <c>POST /_emulator/teleport/config</c>.</summary>
    protected void Configure(object settings) => Emulator.Control("teleport/config", settings);

    protected IReadOnlyList<RecordedRequest> Requests() => Emulator.Requests("teleport");

    /// <summary>The control API's view of one capture's upload (parts with size, MD5, PUT counts).</summary>
    protected JsonElement Upload(string eid) => Emulator.ControlGet("teleport/uploads/" + eid);

    public virtual void Dispose() => Api.Dispose();
}
