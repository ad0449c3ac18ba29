namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Job states; the names are the service's status strings.</summary>
internal enum JobPhase
{
    Starting,
    Progress,
    Retry,
    Success,
    Failure,
}

internal static class JobPhaseNames
{
    public static string Wire(this JobPhase phase) => phase switch
    {
        JobPhase.Starting => "STARTING",
        JobPhase.Progress => "PROGRESS",
        JobPhase.Retry => "RETRY",
        JobPhase.Success => "SUCCESS",
        _ => "FAILURE",
    };

    /// <summary>Status names are case-sensitive on the wire.</summary>
    public static JobPhase? FromWire(string name) => name switch
    {
        "STARTING" => JobPhase.Starting,
        "PROGRESS" => JobPhase.Progress,
        "RETRY" => JobPhase.Retry,
        "SUCCESS" => JobPhase.Success,
        "FAILURE" => JobPhase.Failure,
        _ => null,
    };
}
