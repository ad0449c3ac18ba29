namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A job as the control API reports it.</summary>
/// <param name="Status">STARTING, PROGRESS, RETRY, SUCCESS or FAILURE.</param>
/// <param name="ErrorCode">§11 code while RETRY or after FAILURE.</param>
public sealed record JobInfo(
    string Rid,
    string ClientId,
    string Status,
    int Step,
    int Total,
    int? ErrorCode,
    string FileName,
    IReadOnlyList<string> Params,
    double Cost,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt);
