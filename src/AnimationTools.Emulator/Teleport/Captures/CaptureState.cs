namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The <c>state</c> values the emulator produces (§6.1, emulator choice):
/// CREATED → (first part URL asked for) UPLOADING → (<c>POST …/uploaded</c>) PROCESSING → READY or FAILED.
/// </summary>
internal static class CaptureStates
{
    public const string Created = "CREATED";
    public const string Uploading = "UPLOADING";
    public const string Processing = "PROCESSING";
    public const string Ready = "READY";
    public const string Failed = "FAILED";

    /// <summary>The state a webhook reports a failure with (the webhooks say ERROR where the API says FAILED).</summary>
    public const string WebhookError = "ERROR";

    public static readonly IReadOnlyList<string> All = [Created, Uploading, Processing, Ready, Failed];

    public static string Describe(string state, string? errorReason) => state switch
    {
        Created => "Waiting for the upload",
        Uploading => "Uploading",
        Processing => "Processing the capture",
        Ready => "Ready",
        _ => ErrorReasons.Describe(errorReason),
    };
}

/// <summary>The documented error reasons (§6.2); any other string is accepted from the test hooks.</summary>
internal static class ErrorReasons
{
    public const string NotEnoughFrames = "NOT_ENOUGH_FRAMES";

    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [NotEnoughFrames] = "Not enough usable frames in the input",
        ["INPUT_VALIDATION_FAILED"] = "The uploaded data could not be validated",
        ["CONVERSION_FAILED"] = "The input could not be converted to the common format",
        ["POSE_REFINEMENT_FAILED"] = "The camera poses could not be recovered",
        ["DENSIFICATION_FAILED"] = "The model could not be densified",
    };

    public static string Describe(string? reason) =>
        reason is not null && Known.TryGetValue(reason, out var text) ? text : "Processing failed";
}

/// <summary>Values of <c>input_data_format</c> (§4.2); the first is what the seed's generated example shows.</summary>
internal static class InputDataFormats
{
    public const string BulkImages = "bulk-images";
    public const string Video = "video";
    public const string CommonFormatIos = "commonformat-ios";

    public static readonly IReadOnlyList<string> All = [BulkImages, Video, CommonFormatIos];
}
