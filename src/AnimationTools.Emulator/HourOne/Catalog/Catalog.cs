namespace AnimationTools.Emulator.HourOne;

/// <summary>One scene of a draft, recipe or workflow: what a video gets unless the request overrides it.</summary>
public sealed record CatalogScene(string Name, IReadOnlyList<string> Texts, IReadOnlyList<string> Media, string Transcript);

/// <summary>A draft (project) or a recipe: the base a video is made from, with its presenter, voice and palette.</summary>
public sealed record CatalogProject(string Id, string Name, IReadOnlyList<CatalogScene> Scenes, string CharacterId, string VoiceId, string PaletteId);

/// <summary>A layout of a template (<c>type: "create"</c> scenes): how many texts and media it shows, and its defaults.</summary>
internal sealed record CatalogLayout(string Id, IReadOnlyList<string> Texts, IReadOnlyList<string> Media);

internal sealed record CatalogTemplate(string Id, string Name, IReadOnlyList<CatalogLayout> Layouts, string PaletteId);

/// <summary>A workflow (<c>type: "workflow"</c>): scenes whose <c>{{variable}}</c> placeholders the request fills.</summary>
internal sealed record CatalogWorkflow(string Id, string Name, IReadOnlyList<(string VariableId, string Name)> Variables, CatalogProject Base);

/// <summary>
/// What a video can be made from and with. Seeded with <c>demo-draft</c> (3 scenes), <c>demo-recipe</c> (2 scenes),
/// <c>demo-template</c>, <c>demo-workflow</c>, <c>demo-character</c>, <c>demo-voice</c>, <c>demo-palette</c> and
/// <c>demo-folder</c>; tests may add drafts.
/// </summary>
internal sealed class Catalog
{
    private readonly object sync = new();
    private readonly Dictionary<string, CatalogProject> drafts = new(StringComparer.Ordinal);

    public Catalog() => Reset();

    public static CatalogProject DemoDraft { get; } = new("demo-draft", "Quarterly update",
    [
        new("Intro", ["Quarterly update", "Animation Tools"], ["https://media.example.com/intro.jpg"],
            "Welcome to the quarterly update from the Animation Tools team."),
        new("Numbers", ["Revenue +12%"], ["https://media.example.com/chart.png"],
            "Revenue grew twelve percent while costs stayed flat, and we shipped three new services."),
        new("Outro", ["Thank you"], [], "Thanks for watching. See you next quarter."),
    ], "demo-character", "demo-voice", "demo-palette");

    public static CatalogProject DemoRecipe { get; } = new("demo-recipe", "Product announcement",
    [
        new("Headline", ["Introducing our new product"], ["https://media.example.com/product.jpg"],
            "Today we are proud to introduce our newest product."),
        new("Call to action", ["Learn more"], [], "Visit our website to learn more and sign up for early access."),
    ], "demo-character", "demo-voice", "demo-palette");

    public static CatalogTemplate DemoTemplate { get; } = new("demo-template", "Presenter template",
    [
        new("demo-layout-title", ["Title"], ["https://media.example.com/background.jpg"]),
        new("demo-layout-presenter", ["Caption", "Subtitle"], ["https://media.example.com/side.jpg", "https://media.example.com/logo.png"]),
    ], "demo-palette");

    public static CatalogWorkflow DemoWorkflow { get; } = new("demo-workflow", "Welcome a customer",
        [("var-customer", "customer"), ("var-product", "product")],
        new CatalogProject("demo-workflow", "Welcome a customer",
        [
            new("Greeting", ["Welcome {{customer}}"], [], "Hello {{customer}}, welcome aboard."),
            new("Product", ["{{product}}"], [], "Here is how to get started with {{product}}."),
        ], "demo-character", "demo-voice", "demo-palette"));

    public static IReadOnlyDictionary<string, string> Characters { get; } = new Dictionary<string, string> { ["demo-character"] = "Demo presenter" };

    public static IReadOnlyDictionary<string, string> Voices { get; } = new Dictionary<string, string> { ["demo-voice"] = "Demo voice (en-US)" };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Palettes { get; } =
        new Dictionary<string, IReadOnlyList<string>> { ["demo-palette"] = ["#1E3A8A", "#F59E0B", "#FFFFFF"] };

    public static IReadOnlyDictionary<string, string> Folders { get; } = new Dictionary<string, string> { ["demo-folder"] = "Demo folder" };

    public CatalogProject? Draft(string id)
    {
        lock (sync)
        {
            return drafts.GetValueOrDefault(id);
        }
    }

    public static CatalogProject? Recipe(string id) => id == DemoRecipe.Id ? DemoRecipe : null;

    public static CatalogTemplate? Template(string id) => id == DemoTemplate.Id ? DemoTemplate : null;

    public static CatalogWorkflow? Workflow(string id) => id == DemoWorkflow.Id ? DemoWorkflow : null;

    /// <summary>Adds or replaces a draft (test hook).</summary>
    public void AddDraft(CatalogProject draft)
    {
        lock (sync)
        {
            drafts[draft.Id] = draft;
        }
    }

    public IReadOnlyList<CatalogProject> Drafts()
    {
        lock (sync)
        {
            return drafts.Values.ToList();
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            drafts.Clear();
            drafts[DemoDraft.Id] = DemoDraft;
        }
    }
}
