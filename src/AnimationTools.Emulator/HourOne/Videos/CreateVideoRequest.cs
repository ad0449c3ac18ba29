using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.HourOne;

/// <summary>Which body of <c>POST /videos</c>: the seed's (no <c>type</c>) or one of the newer <c>type</c> forms.</summary>
internal enum CreateForm
{
    Seed,
    Override,
    Create,
    Workflow,
}

/// <summary>A scene as sent: <c>VideoScene</c> (override) or <c>NewVideoScene</c> (create).</summary>
internal sealed record SceneRequest(
    string Name,
    string Type,
    string? LayoutId,
    IReadOnlyList<string>? Media,
    IReadOnlyList<string>? Texts,
    string? Transcript,
    string? VoiceRecordingUrl,
    IReadOnlyList<MediaElement>? MediaElements,
    IReadOnlyList<TextElement>? TextElements);

/// <summary><c>SceneMediaAttribute</c>.</summary>
internal sealed record MediaElement(string? Id, string? Url, string? MediaId);

/// <summary><c>SceneTextAttribute</c>.</summary>
internal sealed record TextElement(string? Id, string Text);

/// <summary><c>VariableMapping</c> of a workflow request.</summary>
internal sealed record VariableRequest(string? Name, string? VariableId, string Value);

/// <summary>
/// The body of <c>POST /videos</c>, validated as pydantic would. The newer API is a union discriminated on
/// <c>type</c> (<c>override</c>, <c>create</c>, <c>workflow</c>); pydantic v1 puts the model name in the location of
/// errors inside it (<c>["body", "OverrideVideoRequest", "scenes", 0, "transcript"]</c>). A body without <c>type</c> is
/// the seed's older form: the override fields with <c>scenes</c> optional, errors at <c>["body", field]</c>.
/// </summary>
internal sealed class CreateVideoRequest
{
    public const int MaxTranscript = 1000;
    public const int MaxCorrelationId = 100;

    private static readonly string[] Forms = ["override", "create", "workflow"];

    public CreateForm Form { get; private init; }

    /// <summary>Where errors of this body are reported: <c>["body"]</c> or <c>["body", "&lt;model&gt;"]</c>.</summary>
    public object[] Loc { get; private init; } = ["body"];

    public string? Name { get; private set; }
    public string? SourceDraftId { get; private set; }
    public string? RecipeId { get; private set; }
    public string? TemplateId { get; private set; }
    public string? WorkflowId { get; private set; }
    public string? FolderId { get; private set; }
    public string? PaletteId { get; private set; }
    public string? CharacterId { get; private set; }
    public string? VoiceId { get; private set; }
    public string? LogoUrl { get; private set; }
    public string? CorrelationId { get; private set; }
    public IReadOnlyList<SceneRequest>? Scenes { get; private set; }
    public IReadOnlyList<VariableRequest>? Variables { get; private set; }
    public JsonObject? Metadata { get; private set; }
    public IReadOnlyList<string>? Palette { get; private set; }
    public IReadOnlyList<MediaElement>? GlobalMediaElements { get; private set; }

    /// <summary>The request, or the 422 FastAPI would answer (JSON decoding, a missing body, schema violations).</summary>
    public static (CreateVideoRequest? Request, IReadOnlyList<ValidationIssue>? Issues) Parse(byte[] body, string? contentType)
    {
        var (root, decodeIssues) = JsonInput.Parse(body, contentType);
        if (decodeIssues is not null)
        {
            return (null, decodeIssues);
        }

        var reader = new PydanticReader();
        if (root!.Value.ValueKind != JsonValueKind.Object)
        {
            reader.NotADict(["body"]);
            return (null, reader.Issues);
        }

        var obj = root.Value;
        var form = CreateForm.Seed;
        if (obj.TryGetProperty("type", out var type) && type.ValueKind != JsonValueKind.Null)
        {
            var name = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            if (name is null || !Forms.Contains(name))
            {
                reader.Add(["body"], $"No match for discriminator 'type' and value {PythonRepr(type)} (allowed values: 'override', 'create', 'workflow')",
                    "value_error.discriminated_union.invalid_discriminator",
                    new() { ["discriminator_key"] = "type", ["discriminator_value"] = JsonNode.Parse(type.GetRawText()), ["allowed_values"] = Forms });
                return (null, reader.Issues);
            }

            form = name switch { "override" => CreateForm.Override, "create" => CreateForm.Create, _ => CreateForm.Workflow };
        }

        var request = new CreateVideoRequest
        {
            Form = form,
            Loc = form switch
            {
                CreateForm.Override => ["body", "OverrideVideoRequest"],
                CreateForm.Create => ["body", "NewVideoRequest"],
                CreateForm.Workflow => ["body", "WorkflowVideoRequest"],
                _ => ["body"],
            },
        };
        switch (form)
        {
            case CreateForm.Seed or CreateForm.Override:
                request.ReadOverride(obj, reader);
                break;
            case CreateForm.Create:
                request.ReadCreate(obj, reader);
                break;
            default:
                request.ReadWorkflow(obj, reader);
                break;
        }

        return reader.IsValid ? (request, null) : (null, reader.Issues);
    }

    private static string PythonRepr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => value.GetRawText(),
    };

    /// <summary><c>OverrideVideoRequest</c> (and the seed's form), fields in their declared order.</summary>
    private void ReadOverride(JsonElement obj, PydanticReader reader)
    {
        Name = reader.Str(obj, Loc, "name");
        SourceDraftId = reader.Str(obj, Loc, "source_draft_id");
        RecipeId = reader.Str(obj, Loc, "recipe_id");
        FolderId = reader.Str(obj, Loc, "folder_id");
        PaletteId = reader.Str(obj, Loc, "palette_id");
        CharacterId = reader.Str(obj, Loc, "character_id");
        VoiceId = reader.Str(obj, Loc, "voice_id");
        Scenes = reader.Objects(obj, Loc, "scenes", required: Form == CreateForm.Override, (s, loc) => ReadOverrideScene(s, loc, reader));

        LogoUrl = reader.Str(obj, Loc, "logo_url");
        Metadata = reader.Metadata(obj, Loc, "metadata");
        CorrelationId = reader.Str(obj, Loc, "correlation_id", maxLength: MaxCorrelationId);

        // Not in the schema: the emulator's rule for a body that names no base or two (errors at ["body"]).
        var hasDraft = obj.TryGetProperty("source_draft_id", out var draft) && draft.ValueKind != JsonValueKind.Null;
        var hasRecipe = obj.TryGetProperty("recipe_id", out var recipe) && recipe.ValueKind != JsonValueKind.Null;
        if (hasDraft == hasRecipe)
        {
            reader.Add(["body"], hasDraft
                ? "source_draft_id and recipe_id are mutually exclusive: give only one"
                : "either source_draft_id or recipe_id is required", "value_error");
        }
    }

    private static SceneRequest? ReadOverrideScene(JsonElement scene, object[] loc, PydanticReader reader)
    {
        var name = reader.Str(scene, loc, "name", required: true);
        var type = reader.Const(scene, loc, "type", "override_scene");
        var media = reader.StrList(scene, loc, "media");
        var texts = reader.StrList(scene, loc, "texts");
        var transcript = reader.Str(scene, loc, "transcript", maxLength: MaxTranscript);
        var voice = reader.Str(scene, loc, "voice_recording_url");
        return name is null ? null : new SceneRequest(name, type, null, media, texts, transcript, voice, null, null);
    }

    /// <summary><c>NewVideoRequest</c>: a video from a template, one layout per scene.</summary>
    private void ReadCreate(JsonElement obj, PydanticReader reader)
    {
        Name = reader.Str(obj, Loc, "name");
        TemplateId = reader.Str(obj, Loc, "template_id", required: true);
        FolderId = reader.Str(obj, Loc, "folder_id");
        PaletteId = reader.Str(obj, Loc, "palette_id");
        CharacterId = reader.Str(obj, Loc, "character_id", required: true);
        VoiceId = reader.Str(obj, Loc, "voice_id", required: true);
        Scenes = reader.Objects(obj, Loc, "scenes", required: true, (s, loc) => ReadCreateScene(s, loc, reader), minItems: 1);
        GlobalMediaElements = reader.Objects(obj, Loc, "global_media_elements", required: false, (m, loc) => ReadMediaElement(m, loc, reader));
        Palette = reader.Objects(obj, Loc, "palette", required: false, (p, loc) => reader.Pattern(p, loc, "color", "^#?(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6})$", required: true));

        Metadata = reader.Metadata(obj, Loc, "metadata");
        CorrelationId = reader.Str(obj, Loc, "correlation_id", maxLength: MaxCorrelationId);
    }

    private static SceneRequest? ReadCreateScene(JsonElement scene, object[] loc, PydanticReader reader)
    {
        var name = reader.Str(scene, loc, "name", required: true);
        var type = reader.Const(scene, loc, "type", "create_scene");
        var layout = reader.Str(scene, loc, "layout_id", required: true);
        var media = reader.Objects(scene, loc, "media_elements", required: false, (m, itemLoc) => ReadMediaElement(m, itemLoc, reader));
        var texts = reader.Objects(scene, loc, "texts_elements", required: false, (t, itemLoc) =>
        {
            var id = reader.Str(t, itemLoc, "id");
            return reader.Str(t, itemLoc, "text", required: true) is { } text ? new TextElement(id, text) : null;
        });
        var transcript = reader.Str(scene, loc, "transcript", maxLength: MaxTranscript);
        var voice = reader.Str(scene, loc, "voice_recording_url");
        return name is null || layout is null ? null : new SceneRequest(name, type, layout, null, null, transcript, voice, media, texts);
    }

    private static MediaElement ReadMediaElement(JsonElement media, object[] loc, PydanticReader reader) =>
        new(reader.Str(media, loc, "id"), reader.HttpUrl(media, loc, "url", required: false), reader.Str(media, loc, "media_id"));

    /// <summary><c>WorkflowVideoRequest</c>.</summary>
    private void ReadWorkflow(JsonElement obj, PydanticReader reader)
    {
        WorkflowId = reader.Str(obj, Loc, "workflow_id", required: true);
        Variables = reader.Objects(obj, Loc, "variables", required: true, (v, loc) =>
        {
            var name = reader.Str(v, loc, "name");
            var id = reader.Str(v, loc, "variable_id");
            return reader.Str(v, loc, "value", required: true) is { } value ? new VariableRequest(name, id, value) : null;
        });

        CorrelationId = reader.Str(obj, Loc, "correlation_id", maxLength: MaxCorrelationId);
        Metadata = reader.Metadata(obj, Loc, "metadata");
    }
}
