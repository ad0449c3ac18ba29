namespace AnimationTools.Emulator.Danim;

/// <summary>The <c>meta.type</c> codes of failures (contract §9), plus the emulator's two for malformed HTTP.</summary>
internal static class ErrorTypes
{
    public const string InvalidJson = nameof(InvalidJson);
    public const string MalformedUtf8Characters = nameof(MalformedUtf8Characters);
    public const string AuthenticationRequired = nameof(AuthenticationRequired);
    public const string AppDoesNotExist = nameof(AppDoesNotExist);
    public const string InvalidAppSecret = nameof(InvalidAppSecret);
    public const string RateLimitExceeded = nameof(RateLimitExceeded);
    public const string BadParameter = nameof(BadParameter);
    public const string MissingParameter = nameof(MissingParameter);
    public const string FileCannotBeDownloaded = nameof(FileCannotBeDownloaded);
    public const string FileMimeTypeCannotBeGuessed = nameof(FileMimeTypeCannotBeGuessed);
    public const string FileExtensionCannotBeGuessed = nameof(FileExtensionCannotBeGuessed);
    public const string FileIsTooLarge = nameof(FileIsTooLarge);
    public const string FileExtensionIsNotAccepted = nameof(FileExtensionIsNotAccepted);
    public const string FileMimeTypeIsNotAccepted = nameof(FileMimeTypeIsNotAccepted);
    public const string EmptyFile = nameof(EmptyFile);
    public const string VideoNotFound = nameof(VideoNotFound);
    public const string VideoGenerationFailed = nameof(VideoGenerationFailed);
    public const string TemplateNotFound = nameof(TemplateNotFound);
    public const string TemplateDataFileNotFound = nameof(TemplateDataFileNotFound);
    public const string InvalidTemplateDataFileFormat = nameof(InvalidTemplateDataFileFormat);
    public const string InvalidTemplateDataFileMimeType = nameof(InvalidTemplateDataFileMimeType);
    public const string MissingTemplateDataComposition = nameof(MissingTemplateDataComposition);
    public const string MissingTemplateDataInput = nameof(MissingTemplateDataInput);
    public const string EitherTemplateXorTemplateSourceMustBeSet = nameof(EitherTemplateXorTemplateSourceMustBeSet);
    public const string WorkspaceNotFound = nameof(WorkspaceNotFound);
    public const string WorkspaceMustBeSet = nameof(WorkspaceMustBeSet);
    public const string WorkspaceInconsistency = nameof(WorkspaceInconsistency);
    public const string StateNotAuthorizedOnCreation = nameof(StateNotAuthorizedOnCreation);
    public const string StateChangeIsNotAuthorized = nameof(StateChangeIsNotAuthorized);
    public const string InsufficientCreditsForGeneration = nameof(InsufficientCreditsForGeneration);

    /// <summary>Emulator choice for an unknown route (real HTTP 404).</summary>
    public const string NotFound = nameof(NotFound);

    /// <summary>Emulator choice for a method other than POST on an API route (real HTTP 405).</summary>
    public const string MethodNotAllowed = nameof(MethodNotAllowed);

    /// <summary>Every code of §9.1; the control hook <c>next-error</c> accepts these.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        InvalidJson, MalformedUtf8Characters, AuthenticationRequired, AppDoesNotExist, InvalidAppSecret, RateLimitExceeded,
        "UserNotFound", "CommandNotAuthorized", BadParameter, MissingParameter, FileCannotBeDownloaded, FileMimeTypeCannotBeGuessed,
        FileExtensionCannotBeGuessed, FileIsTooLarge, FileExtensionIsNotAccepted, FileMimeTypeIsNotAccepted, EmptyFile, VideoNotFound,
        "VideoAlreadyExists", VideoGenerationFailed, TemplateNotFound, TemplateDataFileNotFound, InvalidTemplateDataFileFormat,
        InvalidTemplateDataFileMimeType, MissingTemplateDataComposition, MissingTemplateDataInput, EitherTemplateXorTemplateSourceMustBeSet,
        "ConfigThumbnailNotFound", WorkspaceNotFound, WorkspaceMustBeSet, WorkspaceInconsistency, StateNotAuthorizedOnCreation,
        StateChangeIsNotAuthorized, "ApiAppVideoCannotBeLocal", InsufficientCreditsForGeneration, "InsufficientPlan", "ImpossibleCompletion",
        "InvalidCompletionUrl", "InvalidHtmlCodeExtractedFromCompletionUrl", "BotNotFound", "CouldNotSendVideoGenerationSpecs",
    };
}
