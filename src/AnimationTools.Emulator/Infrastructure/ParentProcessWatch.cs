using System.Diagnostics;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Ends the emulator when the process that started it ends, however it ends (a killed PowerShell runs no cleanup), so
/// an emulator started by Start-AnimationEmulator never outlives its session.
/// </summary>
internal static class ParentProcessWatch
{
    /// <summary>Completes when the process exits, or at once when it is already gone.</summary>
    public static async Task WaitForExitAsync(int processId)
    {
        Process parent;
        try
        {
            parent = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return;
        }

        using (parent)
        {
            // The parent is not our child: on Unix .NET polls it, which is what we want here.
            await parent.WaitForExitAsync().ConfigureAwait(false);
        }
    }
}
