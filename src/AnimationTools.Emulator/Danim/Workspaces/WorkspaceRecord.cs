namespace AnimationTools.Emulator.Danim;

/// <summary>A workspace videos are created in. <see cref="AppId"/> null: the seeded workspace every app may use.</summary>
internal sealed record WorkspaceRecord(string Id, string? AppId, string Name, string Description, StoredFile? Logo, bool IsDefault, DateTimeOffset CreatedAt);
