namespace AnimationTools.Emulator.HourOne;

/// <summary><c>POST /voice-preview</c> (<c>201</c>, <c>in_progress</c>) and <c>GET /voice-preview/{task_id}</c> (<c>ready</c> with a WAV URL).</summary>
internal sealed class VoicePreviewRoutes(HourOneState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/voice-preview", (Delegate)CreateAsync);
        api.MapGet("/voice-preview/{task_id}", (string task_id, HttpContext context) =>
        {
            if (state.VoicePreviews.Find(task_id) is not { } preview)
            {
                return FastApi.NotFound("Voice preview not found");
            }

            var status = preview.StatusAt(state.Time.GetUtcNow());
            return FastApi.Json(new Dictionary<string, object?>
            {
                ["id"] = preview.Id,
                ["req_id"] = preview.ReqId,
                ["status"] = status,
                ["url"] = status == "ready" ? HourOneUrls.VoicePreview(context, preview) : null,
            });
        });
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (await VideoRoutes.ReadBodyAsync(context) is not { } body)
        {
            return FastApi.Detail(StatusCodes.Status400BadRequest, "There was an error parsing the body");
        }

        var (root, issues) = JsonInput.Parse(body, context.Request.ContentType);
        if (issues is not null)
        {
            return FastApi.Unprocessable(issues);
        }

        var reader = new PydanticReader();
        object[] loc = ["body"];
        string? transcript = null;
        string? draftId = null;
        if (root!.Value.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            reader.NotADict(loc);
        }
        else
        {
            transcript = reader.Str(root.Value, loc, "transcript", required: true);
            draftId = reader.Str(root.Value, loc, "source_draft_id", required: true);
        }

        if (!reader.IsValid)
        {
            return FastApi.Unprocessable(reader.Issues);
        }

        if (state.Catalog.Draft(draftId!) is not { } draft)
        {
            return FastApi.NotFound("Draft not found");
        }

        var preview = new VoicePreview(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), transcript!, draft.VoiceId, draft.Id,
            state.Time.GetUtcNow(), state.Options.VoicePreviewTime, Infrastructure.RandomIds.Hex(16));
        state.VoicePreviews.Add(preview);
        return FastApi.Json(new Dictionary<string, object?>
        {
            ["id"] = preview.Id,
            ["transcript"] = preview.Transcript,
            ["voice_id"] = preview.VoiceId,
            ["req_id"] = preview.ReqId,
            ["status"] = "in_progress",
        }, StatusCodes.Status201Created);
    }
}
