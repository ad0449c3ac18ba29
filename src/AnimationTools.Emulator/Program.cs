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

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
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
