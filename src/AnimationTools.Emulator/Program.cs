using System.Runtime.InteropServices;
using AnimationTools.Emulator;
using AnimationTools.Emulator.Infrastructure;

EmulatorOptions options;
int? parentProcessId;
try
{
    (options, parentProcessId) = CommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.TrySetResult();
}

// Started by a parent that owns it (Start-AnimationEmulator), the emulator ignores Ctrl+C: the terminal sends SIGINT to
// the whole process group, and a Ctrl+C that stops a command in the parent's PowerShell must not stop the emulator.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT,
    parentProcessId is null ? RequestStop : signal => signal.Cancel = true);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
if (parentProcessId is { } parent)
{
    _ = ParentProcessWatch.WaitForExitAsync(parent).ContinueWith(_ => stop.TrySetResult(), TaskScheduler.Default);
}

await using (var server = await EmulatorServer.StartAsync(options))
{
    foreach (var service in server.Services)
    {
        Console.WriteLine($"{service}: {server.ServiceUrl(service)}");
    }

    Console.WriteLine($"control: {server.ControlUrl}");
    await stop.Task;
}

return 0;
