namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A character an animation can be retargeted onto: a stock model or one stored with storeModel.</summary>
/// <param name="ClientId">Owning account; null for stock models, which every account sees.</param>
/// <param name="UserUid">The <c>x-useruid</c> of the storing session; null when stored for the whole account.</param>
/// <param name="ThumbUrl">Absolute thumbnail URL, or a path under the storage prefix for generated thumbnails.</param>
internal sealed record CharacterModel(
    string Id,
    string Name,
    string Platform,
    string RigId,
    string? ClientId,
    string? UserUid,
    string? ModelUrl,
    string? ThumbUrl,
    bool GeneratedThumb,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt)
{
    public const string CustomPlatform = "custom";

    public bool IsCustom => Platform == CustomPlatform;

    public bool IsVisibleTo(DmSession session) =>
        !IsCustom || (ClientId == session.ClientId && (UserUid is null || UserUid == session.UserUid));

    /// <summary>A user session manages only its own models; a session without x-useruid manages the account's.</summary>
    public bool IsOwnedBy(DmSession session) => IsCustom && ClientId == session.ClientId && UserUid == session.UserUid;
}
