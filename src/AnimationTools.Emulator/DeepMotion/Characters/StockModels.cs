namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The emulator's stock characters, of platforms <c>deepmotion</c> and <c>roblox</c> (§10.3).</summary>
internal static class StockModels
{
    public static readonly DateTimeOffset Published = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<CharacterModel> All =
    [
        Stock("dm-stock-male", "Male (stock)", "deepmotion", "deepmotion_humanoid"),
        Stock("dm-stock-female", "Female (stock)", "deepmotion", "deepmotion_humanoid"),
        Stock("roblox-r15", "Roblox R15 (stock)", "roblox", "roblox_r15"),
    ];

    /// <summary>Model used when a job names none (the real default is unknown).</summary>
    public static CharacterModel Default => All[0];

    private static CharacterModel Stock(string id, string name, string platform, string rig) =>
        new(id, name, platform, rig, null, null, null, null, GeneratedThumb: true, Published, Published);
}
