using AnimationTools.Emulator.AvatarSdk;
using AnimationTools.Emulator.Danim;
using AnimationTools.Emulator.DeepMotion;
using AnimationTools.Emulator.HourOne;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Emulator.Teleport;

namespace AnimationTools.Emulator;

/// <summary>Everything a running emulator holds, for tests that drive it in-process instead of through <c>/_emulator</c>.</summary>
public sealed class EmulatorState : IAsyncDisposable
{
    private readonly EmulatorOptions initialOptions;

    internal EmulatorState(EmulatorOptions options, TimeProvider clock)
    {
        initialOptions = options.Clone();
        Options = options.Clone();
        Clock = clock;
        DeepMotion = new DeepMotionState(Options, clock);
        AvatarSdk = new AvatarSdkState(Options, clock);
        HourOne = new HourOneState(Options, clock);
        Teleport = new TeleportState(Options, clock);
        Danim = new DanimState(Options, clock);
        Services = [new DeepMotionService(DeepMotion), new AvatarSdkService(AvatarSdk), new HourOneService(HourOne), new TeleportService(Teleport), new TeleportSigninService(Teleport), new DanimService(Danim)];
    }

    /// <summary>The running options; changes apply to what happens next (new sessions, new jobs, new deliveries).</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Every service request received (control API excluded).</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Faults to inject into service requests.</summary>
    public FaultRegistry Faults { get; } = new();

    /// <summary>State and test hooks of the DeepMotion service.</summary>
    public DeepMotionState DeepMotion { get; }

    /// <summary>State and test hooks of the Avatar SDK service.</summary>
    public AvatarSdkState AvatarSdk { get; }

    /// <summary>State and test hooks of the Hour One service.</summary>
    public HourOneState HourOne { get; }
    /// <summary>State and test hooks of the Varjo Teleport service (and its sign-in service).</summary>
    public TeleportState Teleport { get; }
    /// <summary>State and test hooks of the Danim service.</summary>
    public DanimState Danim { get; }

    internal TimeProvider Clock { get; }

    internal IReadOnlyList<IEmulatedService> Services { get; }

    /// <summary>Clears logs, faults, jobs, uploads, sessions and everything else, and restores the options given at start.</summary>
    public void Reset()
    {
        Requests.Reset();
        Faults.Clear();
        Options.CopyFrom(initialOptions);
        foreach (var service in Services)
        {
            service.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services)
        {
            await service.DisposeAsync();
        }
    }
}
