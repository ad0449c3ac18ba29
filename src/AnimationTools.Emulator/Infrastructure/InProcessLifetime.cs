using Microsoft.Extensions.Hosting;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Host lifetime that ignores Ctrl+C and SIGTERM: an emulator started inside a test run must not hook the test
/// process's signals; the command-line entry point handles them itself.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
