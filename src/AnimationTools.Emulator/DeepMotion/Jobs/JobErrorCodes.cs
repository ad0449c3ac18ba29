namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The job failure codes of §11 (job errors, not HTTP statuses).</summary>
internal static class JobErrorCodes
{
    public const int DownloadFailed = 201;
    public const int ConversionFailed = 202;
    public const int BadParameters = 503;
    public const int PhysicsWithCustomCharacter = 505;
    public const int Interrupted = 511;

    public static readonly IReadOnlyDictionary<int, string> Meanings = new Dictionary<int, string>
    {
        [201] = "Error downloading the video or DM asset",
        [202] = "Error converting the video",
        [503] = "Error processing the parameters",
        [504] = "Error loading the character assets",
        [505] = "Physics Filter is incompatible with the custom characters",
        [506] = "Error creating the pose estimation",
        [507] = "Error while processing the body tracking",
        [508] = "Input video or image doesn't meet the requirements to generate animations of good quality",
        [509] = "Error loading the configurations",
        [510] = "Error open internal files",
        [511] = "Processing interrupted",
        [513] = "Failed to detect character in the video",
        [599] = "Body tracking timeout",
        [701] = "Error processing the face tracking",
        [799] = "Face tracking timeout",
        [901] = "Error loading the mesh of the custom character",
        [902] = "Error loading the BVH custom character",
        [903] = "Error copying animations onto the custom character",
        [904] = "Error exporting animations for the custom character",
        [905] = "Custom character doesn't include skinned mesh information",
        [906] = "More than half of the required blendshapes are missing",
        [907] = "Error loading facial definition for the custom character",
        [908] = "Error loading facial tracking data",
        [909] = "Error loading the metadata of the custom character",
        [999] = "Animation baking timeout",
        [1301] = "Error creating the hand estimation",
        [1302] = "Error creating the hand estimation",
        [1303] = "Error creating the hand estimation",
        [1304] = "Error opening the video",
        [1305] = "Error parsing video path",
        [1306] = "Error loading internal files",
        [1307] = "Error processing hand tracking",
        [1308] = "Error processing the video",
        [1399] = "Hand tracking timeout",
    };

    public static bool IsKnown(int code) => Meanings.ContainsKey(code);

    /// <summary>Emulator choice (§5): <c>"513: Failed to detect character in the video"</c>.</summary>
    public static string Message(int code) => $"{code}: {Meanings.GetValueOrDefault(code, "Unknown error")}";
}
