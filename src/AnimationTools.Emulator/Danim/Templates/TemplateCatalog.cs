using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// The templates every app can use: the seeded ones (the seed's review template, the create example's template and an
/// emulator template with every rule) and those added through the control API.
/// </summary>
internal sealed class TemplateCatalog
{
    public const string ReviewTemplateId = "0b9d6a52-3f1e-4c7a-9e2d-5a8c1f6b7d40";
    public const string CreateExampleTemplateId = "5958fb82-ef69-418f-abb1-5fa2ad355aaa";
    public const string EveryRuleTemplateId = "c0ffee00-d4a1-4e5b-8c6d-7e8f9a0b1c2d";

    private static readonly IReadOnlyList<TemplateRecord> Seeds =
        new[] { "review.json", "create-example.json", "every-rule.json" }.Select(LoadSeed).ToList();

    private readonly object sync = new();
    private readonly List<TemplateRecord> templates = [.. Seeds];

    public TemplateRecord? Find(string id)
    {
        lock (sync)
        {
            return templates.FirstOrDefault(t => t.Id == id);
        }
    }

    public IReadOnlyList<TemplateRecord> All()
    {
        lock (sync)
        {
            return templates.ToList();
        }
    }

    /// <summary>Adds a template, or replaces the one with the same id.</summary>
    public void Put(TemplateRecord template)
    {
        lock (sync)
        {
            var index = templates.FindIndex(t => t.Id == template.Id);
            if (index >= 0)
            {
                templates[index] = template;
            }
            else
            {
                templates.Add(template);
            }
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            templates.Clear();
            templates.AddRange(Seeds);
        }
    }

    private static TemplateRecord LoadSeed(string fileName)
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Danim.Templates.Seeds." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return TemplateRecord.From((JsonObject)JsonNode.Parse(stream)!, seeded: true);
    }
}
