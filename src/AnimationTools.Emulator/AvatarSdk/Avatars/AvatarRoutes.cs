using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary><c>/avatars/</c> (§5): list with filters, create (multipart, §5.3), get, edit, delete.</summary>
internal sealed class AvatarRoutes(AvatarSdkState state)
{
    private static readonly string[] Filters = ["status", "name", "description", "pipeline"];

    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/avatars/", List);
        api.MapPost("/avatars/", (Func<HttpContext, Task<IResult>>)CreateAsync).DisableAntiforgery();
        api.MapGet("/avatars/{code}/", (string code, HttpContext context) =>
            state.Visible(Caller.Of(context), code) is { } avatar ? Drf.Json(Dto(context, avatar, full: true)) : Drf.NotFound());
        api.MapMethods("/avatars/{code}/", [HttpMethods.Patch], EditAsync).DisableAntiforgery();
        api.MapDelete("/avatars/{code}/", (string code, HttpContext context) =>
            state.Visible(Caller.Of(context), code) is { } avatar && state.Delete(avatar) ? Results.NoContent() : Drf.NotFound());
    }

    /// <summary>Filters are case-insensitive and AND-ed; status and pipeline match exactly, name and description as substrings.</summary>
    private IResult List(HttpContext context)
    {
        var now = state.Clock.GetUtcNow();
        IEnumerable<AvatarRecord> avatars = state.VisibleTo(Caller.Of(context));
        foreach (var filter in Filters)
        {
            foreach (var value in context.Request.Query[filter].Select(v => v ?? string.Empty))
            {
                avatars = filter switch
                {
                    "status" => avatars.Where(a => string.Equals(a.StateAt(now).Status, value, StringComparison.OrdinalIgnoreCase)),
                    "pipeline" => avatars.Where(a => string.Equals(a.Pipeline, value, StringComparison.OrdinalIgnoreCase)),
                    "name" => avatars.Where(a => a.Name.Contains(value, StringComparison.OrdinalIgnoreCase)),
                    _ => avatars.Where(a => a.Description.Contains(value, StringComparison.OrdinalIgnoreCase)),
                };
            }
        }

        return Paging.Page(context, avatars.ToList(), a => Dto(context, a, full: true));
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Drf.Detail(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{context.Request.ContentType}\" in request.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var caller = Caller.Of(context);
        try
        {
            var (pipeline, subtype) = PipelineCatalog.Resolve(form["pipeline"].ToString(), form["pipeline_subtype"].ToString());
            var photoFile = form.Files.GetFile("photo");
            var selfieCode = form["selfie"].ToString();
            if ((photoFile is null) == string.IsNullOrEmpty(selfieCode))
            {
                throw new FieldException("non_field_errors", "Either a photo or a selfie must be provided, not both.");
            }

            byte[] photo;
            if (photoFile is not null)
            {
                using var copy = new MemoryStream();
                await photoFile.CopyToAsync(copy, context.RequestAborted);
                photo = copy.ToArray();
                if (!Jpeg.IsJpeg(photo) && !Jpeg.IsPng(photo))
                {
                    throw new FieldException("photo", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.");
                }
            }
            else
            {
                var selfie = state.Selfies.Find(selfieCode, state.Clock.GetUtcNow());
                if (selfie is null || selfie.ClientId != caller.ClientId)
                {
                    throw new FieldException("selfie", "Invalid selfie code.");
                }

                photo = selfie.Photo ?? throw new FieldException("selfie", "The selfie photo has not been uploaded yet.");
            }

            JsonObject parameters;
            if (form.ContainsKey("parameters"))
            {
                parameters = ParameterValidator.ParseObject("parameters", form["parameters"].ToString());
                ParameterValidator.Computation(parameters, pipeline, subtype);
            }
            else
            {
                parameters = PipelineCatalog.Defaults(pipeline);
            }

            JsonObject? exportParameters = null;
            var exportText = form["export_parameters"].ToString();
            if (!string.IsNullOrWhiteSpace(exportText))
            {
                exportParameters = ParameterValidator.ParseObject("export_parameters", exportText);
                ParameterValidator.Export(exportParameters, pipeline, subtype);
                if (exportParameters.Count == 0)
                {
                    exportParameters = null;
                }
            }

            var comment = form.ContainsKey("export_comment") ? form["export_comment"].ToString() : null;
            var avatar = state.Create(caller, form["name"].ToString(), form["description"].ToString(), pipeline, subtype, parameters, exportParameters, comment, photo);
            return Drf.Json(Dto(context, avatar, full: false), StatusCodes.Status201Created);
        }
        catch (FieldException ex)
        {
            return ex.ToResult();
        }
    }

    private async Task<IResult> EditAsync(string code, HttpContext context)
    {
        if (state.Visible(Caller.Of(context), code) is not { } avatar)
        {
            return Drf.NotFound();
        }

        string? name = null;
        string? description = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            name = form.ContainsKey("name") ? form["name"].ToString() : null;
            description = form.ContainsKey("description") ? form["description"].ToString() : null;
        }
        else if (context.Request.HasJsonContentType())
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            name = body?["name"]?.GetValue<string>();
            description = body?["description"]?.GetValue<string>();
        }

        avatar.Edit(name, description, state.Clock.GetUtcNow());
        return Drf.Json(Dto(context, avatar, full: true));
    }

    /// <summary>
    /// The avatar DTO (§5.1); the creation answer is the shortened one. Per-avatar asset URLs are given only for
    /// avatars without export parameters, which use exports instead.
    /// </summary>
    public Dictionary<string, object?> Dto(HttpContext context, AvatarRecord avatar, bool full)
    {
        var now = state.Clock.GetUtcNow();
        var current = avatar.StateAt(now);
        var dto = new Dictionary<string, object?>
        {
            ["url"] = AvatarSdkUrls.Avatar(context, avatar.Code),
            ["code"] = avatar.Code,
            ["status"] = full ? current.Status : "Uploading",
            ["progress"] = full ? current.Progress : 0,
            ["name"] = avatar.Name,
            ["description"] = avatar.Description,
            ["created_on"] = AvatarSdkUrls.Time(avatar.CreatedOn),
        };
        if (!full)
        {
            return dto;
        }

        dto["pipeline"] = avatar.Pipeline;
        dto["ctime"] = current.ChangedAt is { } changed ? AvatarSdkUrls.Time(changed) : null;
        if (current.Status is "Failed" or "Timed Out")
        {
            dto["status_verbose"] = new Dictionary<string, object?> { ["code"] = avatar.Plan.FailureCode ?? 1, ["message"] = avatar.Plan.FailureMessage };
        }

        if (!avatar.UsesExports)
        {
            dto["mesh"] = AvatarSdkUrls.Avatar(context, avatar.Code, "mesh/");
            dto["texture"] = AvatarSdkUrls.Avatar(context, avatar.Code, "texture/");
        }

        dto["thumbnail"] = AvatarSdkUrls.Avatar(context, avatar.Code, "thumbnail/");
        if (!avatar.UsesExports)
        {
            dto["haircuts"] = AvatarSdkUrls.Avatar(context, avatar.Code, "haircuts/");
            dto["blendshapes"] = AvatarSdkUrls.Avatar(context, avatar.Code, "blendshapes/");
        }

        dto["model_info"] = AvatarSdkUrls.Avatar(context, avatar.Code, "model_info/");
        dto["exports"] = AvatarSdkUrls.Avatar(context, avatar.Code, "exports/");
        return dto;
    }
}
