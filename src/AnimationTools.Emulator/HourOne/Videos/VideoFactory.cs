using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Turns a valid create request into what the video will be: resolves the ids (unknown → <c>404 {"detail"}</c>), checks
/// the rules that need the base (the override's scene count), and applies the overrides: a scene's texts and media
/// replace the base's one by one, extra ones are dropped, missing ones keep the base's.
/// </summary>
internal static partial class VideoFactory
{
    public static (VideoSpec? Spec, IResult? Error) Resolve(CreateVideoRequest request, Catalog catalog, string? workspaceId, string? teamId) =>
        request.Form switch
        {
            CreateForm.Create => FromTemplate(request, workspaceId, teamId),
            CreateForm.Workflow => FromWorkflow(request, workspaceId, teamId),
            _ => FromDraftOrRecipe(request, catalog, workspaceId, teamId),
        };

    /// <summary>A video of a project exactly as it is (seeded videos).</summary>
    public static VideoSpec FromProject(CatalogProject project, string? name, string? correlationId) =>
        new(name ?? project.Name, project.Id, null, null, null, null, project.PaletteId, project.CharacterId, project.VoiceId, correlationId, null, null, null, null,
            project.Scenes.Select(s => Rendered(s.Name, s.Texts, s.Media, s.Transcript)).ToList(), null, null);

    private static (VideoSpec?, IResult?) FromDraftOrRecipe(CreateVideoRequest request, Catalog catalog, string? workspaceId, string? teamId)
    {
        var project = request.SourceDraftId is { } draftId ? catalog.Draft(draftId) : Catalog.Recipe(request.RecipeId!);
        if (project is null)
        {
            return (null, FastApi.NotFound(request.SourceDraftId is not null ? "Draft not found" : "Recipe not found"));
        }

        if (CheckAssets(request) is { } missing)
        {
            return (null, missing);
        }

        var scenes = project.Scenes.Select(s => Rendered(s.Name, s.Texts, s.Media, s.Transcript)).ToList();
        JsonArray? echo = null;
        if (request.Scenes is { } overrides)
        {
            if (overrides.Count != project.Scenes.Count)
            {
                return (null, FastApi.Unprocessable(PydanticReader.At(request.Loc, "scenes"),
                    $"scenes must have exactly {project.Scenes.Count} items, one per scene of the source project ({overrides.Count} given)"));
            }

            scenes = project.Scenes.Zip(overrides, (base_, scene) =>
                Rendered(scene.Name, Merge(scene.Texts, base_.Texts), Merge(scene.Media, base_.Media), scene.Transcript ?? base_.Transcript)).ToList();
            echo = new JsonArray(overrides.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["type"] = s.Type,
                ["media"] = Array(s.Media),
                ["texts"] = Array(s.Texts),
                ["transcript"] = s.Transcript,
                ["voice_recording_url"] = s.VoiceRecordingUrl,
            }).ToArray());
        }

        return (new VideoSpec(request.Name ?? project.Name, request.SourceDraftId, request.RecipeId, null, null, request.FolderId,
            request.PaletteId ?? project.PaletteId, request.CharacterId ?? project.CharacterId, request.VoiceId ?? project.VoiceId,
            request.CorrelationId, request.Metadata, echo, null, null, scenes, workspaceId, teamId), null);
    }

    private static (VideoSpec?, IResult?) FromTemplate(CreateVideoRequest request, string? workspaceId, string? teamId)
    {
        if (Catalog.Template(request.TemplateId!) is not { } template)
        {
            return (null, FastApi.NotFound("Template not found"));
        }

        if (CheckAssets(request) is { } missing)
        {
            return (null, missing);
        }

        var scenes = new List<RenderedScene>();
        foreach (var scene in request.Scenes!)
        {
            if (template.Layouts.FirstOrDefault(l => l.Id == scene.LayoutId) is not { } layout)
            {
                return (null, FastApi.NotFound("Layout not found"));
            }

            var texts = scene.TextElements?.Select(t => t.Text).ToList();
            var media = scene.MediaElements?.Select(m => m.Url ?? (m.MediaId is { } id ? $"media:{id}" : null)).OfType<string>().ToList();
            scenes.Add(Rendered(scene.Name, Merge(texts, layout.Texts), Merge(media, layout.Media), scene.Transcript ?? string.Empty));
        }

        var echo = new JsonArray(request.Scenes!.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["type"] = s.Type,
            ["layout_id"] = s.LayoutId,
            ["media_elements"] = s.MediaElements is null ? null : new JsonArray(s.MediaElements.Select(Media).ToArray()),
            ["texts_elements"] = s.TextElements is null ? null : new JsonArray(s.TextElements.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["text"] = t.Text }).ToArray()),
            ["transcript"] = s.Transcript,
            ["voice_recording_url"] = s.VoiceRecordingUrl,
        }).ToArray());
        var palette = request.Palette is null ? null : new JsonArray(request.Palette.Select(c => (JsonNode)new JsonObject { ["color"] = c }).ToArray());
        var global = request.GlobalMediaElements is null ? null : new JsonArray(request.GlobalMediaElements.Select(Media).ToArray());
        return (new VideoSpec(request.Name ?? template.Name, null, null, template.Id, null, request.FolderId, request.PaletteId ?? template.PaletteId,
            request.CharacterId!, request.VoiceId!, request.CorrelationId, request.Metadata, echo, palette, global, scenes, workspaceId, teamId), null);
    }

    private static (VideoSpec?, IResult?) FromWorkflow(CreateVideoRequest request, string? workspaceId, string? teamId)
    {
        if (Catalog.Workflow(request.WorkflowId!) is not { } workflow)
        {
            return (null, FastApi.NotFound("Workflow not found"));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var variable in request.Variables!)
        {
            var match = workflow.Variables.FirstOrDefault(v => v.VariableId == variable.VariableId || (variable.VariableId is null && v.Name == variable.Name));
            if (match.Name is null)
            {
                return (null, FastApi.Unprocessable(PydanticReader.At(request.Loc, "variables", index), "variable not found in the workflow (match by variable_id or name)"));
            }

            values[match.Name] = variable.Value;
            index++;
        }

        string Fill(string text) => Placeholder().Replace(text, m => values.GetValueOrDefault(m.Groups[1].Value, string.Empty));
        var project = workflow.Base;
        var scenes = project.Scenes.Select(s => Rendered(s.Name, s.Texts.Select(Fill).ToList(), s.Media, Fill(s.Transcript))).ToList();
        return (new VideoSpec(workflow.Name, null, null, null, workflow.Id, null, project.PaletteId, project.CharacterId, project.VoiceId,
            request.CorrelationId, request.Metadata, null, null, null, scenes, workspaceId, teamId), null);
    }

    private static IResult? CheckAssets(CreateVideoRequest request)
    {
        if (request.FolderId is { } folder && !Catalog.Folders.ContainsKey(folder))
        {
            return FastApi.NotFound("Folder not found");
        }

        if (request.PaletteId is { } palette && !Catalog.Palettes.ContainsKey(palette))
        {
            return FastApi.NotFound("Palette not found");
        }

        if (request.CharacterId is { } character && !Catalog.Characters.ContainsKey(character))
        {
            return FastApi.NotFound("Character not found");
        }

        return request.VoiceId is { } voice && !Catalog.Voices.ContainsKey(voice) ? FastApi.NotFound("Voice not found") : null;
    }

    private static IReadOnlyList<string> Merge(IReadOnlyList<string>? given, IReadOnlyList<string> defaults) =>
        given is null ? defaults : defaults.Select((d, i) => i < given.Count ? given[i] : d).ToList();

    private static RenderedScene Rendered(string name, IReadOnlyList<string> texts, IReadOnlyList<string> media, string transcript) =>
        new(name, texts, media, transcript, Speech.Seconds(transcript));

    private static JsonArray? Array(IReadOnlyList<string>? items) => items is null ? null : new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());

    private static JsonNode Media(MediaElement m) => new JsonObject { ["id"] = m.Id, ["url"] = m.Url, ["media_id"] = m.MediaId };

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_\-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
