namespace AnimationTools.Emulator.DeepMotion;

/// <summary>What a signed upload URL was issued for.</summary>
internal enum UploadPurpose
{
    /// <summary>Input video or image, from <c>/upload</c>.</summary>
    Media,

    /// <summary>Character model file, from <c>/character/getModelUploadUrl</c>.</summary>
    Model,

    /// <summary>Character thumbnail, from <c>/character/getModelUploadUrl</c>.</summary>
    Thumbnail,
}
