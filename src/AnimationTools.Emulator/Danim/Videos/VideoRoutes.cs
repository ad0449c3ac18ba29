using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary><c>/write/video/create</c>, <c>generate</c>, <c>change</c> and <c>remove</c> (§7.2–§7.6).</summary>
internal sealed class VideoRoutes(DanimState state)
{
    private static readonly HashSet<string> CreateFields = new(StringComparer.Ordinal)
    {
        "template_id", "template_source", "template_data", "description", "name", "workspace_id", "callback_url", "state",
    };

    private static readonly string[] CreationStates = [nameof(VideoState.DRAFT), nameof(VideoState.PENDING_IN_APP)];

    public void Map(IEndpointRouteBuilder api)
    {
        api.MapCommand(state, "/write/video/create", CreateAsync);
        api.MapCommand(state, "/write/video/generate", call => Task.FromResult(Generate(call)));
        api.MapCommand(state, "/write/video/change", call => Task.FromResult(Change(call)));
        api.MapCommand(state, "/write/video/remove", call => Task.FromResult(Remove(call)));
    }

    private async Task<IResult> CreateAsync(DanimCall call)
    {
        var warnings = new List<string>();
        var templateId = call.OptionalString("template_id");
        var hasSource = call.Fields["template_source"] is not null;
        if ((templateId is null) == !hasSource)
        {
            throw new DanimError(ErrorTypes.EitherTemplateXorTemplateSourceMustBeSet,
                "Either template_id or template_source must be set, not both and not neither.");
        }

        if (hasSource)
        {
            throw new DanimError(ErrorTypes.BadParameter, "template_source is not supported by the emulator: create videos from a template_id.");
        }

        var template = state.Templates.Find(templateId!)
                       ?? throw new DanimError(ErrorTypes.TemplateNotFound, $"Template with ID \"{templateId}\" cannot be found.");

        var initialState = call.OptionalString("state") ?? nameof(VideoState.PENDING_IN_APP);
        if (!CreationStates.Contains(initialState, StringComparer.Ordinal))
        {
            throw new DanimError(ErrorTypes.StateNotAuthorizedOnCreation,
                $"State \"{initialState}\" is not authorized on creation: use DRAFT (generate later) or PENDING_IN_APP (generate now).");
        }

        var name = call.OptionalString("name") ?? template.Name;
        var description = call.OptionalString("description") ?? string.Empty;
        var callbackUrl = call.OptionalString("callback_url");
        if (callbackUrl is not null && !CallbackDispatcher.TryParse(callbackUrl, out _, out _))
        {
            throw new DanimError(ErrorTypes.BadParameter,
                $"callback_url \"{callbackUrl}\" is not an absolute http(s) URL (https+get:// for a GET callback).");
        }

        var workspace = ResolveWorkspace(call, template);
        var templateData = call.OptionalObject("template_data") ?? new JsonObject();
        warnings.AddRange(call.Fields.Select(f => f.Key).Where(k => !CreateFields.Contains(k)).Select(k => $"Unknown parameter \"{k}\": it is ignored."));

        var report = await state.Validator.ValidateAsync(template, templateData, call.Body, call.AppId, call.Aborted);
        if (!report.IsValid)
        {
            throw report.ToError();
        }

        warnings.AddRange(report.Warnings);
        var video = new VideoRecord(state.Videos.NextSeq(), call.AppId, template, workspace.Id, name, description, callbackUrl,
            (JsonObject)templateData.DeepClone(), report.Files.Values.Distinct().ToList(), call.BaseUrl, state.Now);
        if (initialState == nameof(VideoState.PENDING_IN_APP))
        {
            video.Generate(state.StartGeneration(call.AppId, video.Id));
        }

        Keep(report.Files.Values);
        state.Videos.Add(video);
        return Envelope.Success(new { id = video.Id, short_id = video.ShortId, name = video.Name }, warnings);
    }

    private WorkspaceRecord ResolveWorkspace(DanimCall call, TemplateRecord template)
    {
        var workspaceId = call.OptionalString("workspace_id");
        WorkspaceRecord workspace;
        if (workspaceId is null)
        {
            if (state.Options.RequireWorkspace)
            {
                throw new DanimError(ErrorTypes.WorkspaceMustBeSet, "A workspace ID must be provided (workspace_id).");
            }

            workspace = template.WorkspaceId is { } own && state.Workspaces.Find(call.AppId, own) is { } bound ? bound : state.Workspaces.DefaultOf(call.AppId);
        }
        else
        {
            workspace = state.Workspaces.Find(call.AppId, workspaceId)
                        ?? throw new DanimError(ErrorTypes.WorkspaceNotFound, $"Workspace with ID \"{workspaceId}\" cannot be found.");
        }

        if (template.WorkspaceId is { } required && required != workspace.Id)
        {
            throw new DanimError(ErrorTypes.WorkspaceInconsistency,
                $"Template \"{template.Id}\" belongs to workspace \"{required}\", not to \"{workspace.Id}\".");
        }

        return workspace;
    }

    /// <summary>Files of an accepted request are kept; a preloaded id a video used is "older data" from now on (§8.1).</summary>
    private void Keep(IEnumerable<StoredFile> files)
    {
        foreach (var file in files.Distinct())
        {
            if (file.Origin is FileOrigin.Binary or FileOrigin.Url)
            {
                state.Files.Add(file);
            }

            file.InOlderData = true;
        }
    }

    private IResult Generate(DanimCall call)
    {
        var video = FindVideo(call);
        var current = video.StateAt(state.Now);
        if (current != VideoState.DRAFT)
        {
            throw new DanimError(ErrorTypes.StateChangeIsNotAuthorized,
                $"Video \"{video.Id}\" is {current}: only a DRAFT video can be generated.");
        }

        var plan = state.StartGeneration(call.AppId, video.Id);
        if (!video.Generate(plan))
        {
            throw new DanimError(ErrorTypes.StateChangeIsNotAuthorized, $"Video \"{video.Id}\" is already being generated.");
        }

        return Envelope.Success(null);
    }

    private IResult Change(DanimCall call)
    {
        var video = FindVideo(call);
        var patch = call.OptionalObject("patch") ?? throw new DanimError(ErrorTypes.MissingParameter, "The parameter \"patch\" is missing.");
        if (patch.Select(p => p.Key).FirstOrDefault(k => k is not ("name" or "description")) is { } other)
        {
            throw new DanimError(ErrorTypes.BadParameter, $"\"patch.{other}\" cannot be changed: only name and description can.");
        }

        video.Change(PatchValue(patch, "name"), PatchValue(patch, "description"), state.Now);
        return Envelope.Success(null);
    }

    private IResult Remove(DanimCall call)
    {
        var video = FindVideo(call);
        state.Videos.Remove(video);
        return Envelope.Success(null);
    }

    private VideoRecord FindVideo(DanimCall call)
    {
        var id = call.RequiredString("video_id");
        return state.Videos.Find(call.AppId, id) ?? throw new DanimError(ErrorTypes.VideoNotFound, $"Video with ID \"{id}\" cannot be found.");
    }

    /// <summary>A patch value: omitted, null or <c>"IGNORE"</c> (the <c>ImperativeVerb</c> enum) leave the field as it is.</summary>
    private static string? PatchValue(JsonObject patch, string name)
    {
        var node = patch[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new DanimError(ErrorTypes.BadParameter, $"\"patch.{name}\" must be a string (or \"IGNORE\"), not {FileInputResolver.Describe(node)}.");
        }

        var text = value.GetValue<string>();
        return text == "IGNORE" ? null : text;
    }
}
