using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>Exports (§6): list, get, create on a completed avatar, export files and their static files.</summary>
internal sealed class ExportRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/avatars/{code}/exports/", (string code, HttpContext context) =>
            state.Visible(Caller.Of(context), code) is { } avatar
                ? Paging.Page(context, Snapshot(avatar).OrderBy(e => e.CreatedOn).ToList(), e => Dto(context, e))
                : Drf.NotFound());
        api.MapPost("/avatars/{code}/exports/", CreateAsync).DisableAntiforgery();
        api.MapGet("/avatars/{code}/exports/{exportCode}/", (string code, string exportCode, HttpContext context) =>
            FindExport(context, code, exportCode) is { } export ? Drf.Json(Dto(context, export)) : Drf.NotFound());
        api.MapGet("/avatars/{code}/exports/{exportCode}/files/{identity}/file/", (string code, string exportCode, string identity, HttpContext context) =>
            WithFile(context, code, exportCode, identity, file => Results.File(file.Content(), "application/zip", identity + ".zip")));
        api.MapGet("/avatars/{code}/exports/{exportCode}/files/{identity}/static_files/{fileName}", (string code, string exportCode, string identity, string fileName, HttpContext context) =>
            WithFile(context, code, exportCode, identity, file => file.StaticFiles.TryGetValue(fileName, out var content)
                ? Results.File(content(), fileName.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg", fileName)
                : Drf.NotFound()));
    }

    /// <summary><c>make_public</c> exports: the avatar file without authentication.</summary>
    public void MapPublic(IEndpointRouteBuilder service) =>
        service.MapGet("/public/{exportCode}/avatar.zip", (string exportCode) =>
        {
            var export = state.VisibleExports().FirstOrDefault(e => e.Code == exportCode);
            return export is not null && IsPublic(export) && export.StatusAt(state.Clock.GetUtcNow()) == "Completed"
                ? Results.File(export.Files.Value[0].Content(), "application/zip", "avatar.zip")
                : Drf.NotFound();
        });

    private async Task<IResult> CreateAsync(string code, HttpContext context)
    {
        if (state.Visible(Caller.Of(context), code) is not { } avatar)
        {
            return Drf.NotFound();
        }

        if (!context.Request.HasFormContentType)
        {
            return Drf.Detail(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{context.Request.ContentType}\" in request.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        try
        {
            if (!avatar.StateAt(state.Clock.GetUtcNow()).IsCompleted)
            {
                throw new FieldException("non_field_errors", "Exports can be created only for Completed avatars.");
            }

            var text = form["export_parameters"].ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FieldException("export_parameters", "This field is required.");
            }

            var parameters = ParameterValidator.ParseObject("export_parameters", text);
            ParameterValidator.Export(parameters, avatar.Pipeline, avatar.Subtype);
            var comment = form.ContainsKey("export_comment") ? form["export_comment"].ToString() : null;
            return Drf.Json(Dto(context, state.AddExport(avatar, parameters, comment)), StatusCodes.Status201Created);
        }
        catch (FieldException ex)
        {
            return ex.ToResult();
        }
    }

    private ExportRecord? FindExport(HttpContext context, string code, string exportCode) =>
        state.Visible(Caller.Of(context), code) is { } avatar ? Snapshot(avatar).FirstOrDefault(e => e.Code == exportCode) : null;

    private IResult WithFile(HttpContext context, string code, string exportCode, string identity, Func<ExportFile, IResult> serve)
    {
        if (FindExport(context, code, exportCode) is not { } export || Status(export) != "Completed")
        {
            return Drf.NotFound();
        }

        return export.Files.Value.FirstOrDefault(f => f.Identity == identity) is { } file ? serve(file) : Drf.NotFound();
    }

    private static List<ExportRecord> Snapshot(AvatarRecord avatar)
    {
        lock (avatar.Exports)
        {
            return avatar.Exports.ToList();
        }
    }

    /// <summary>An export of an avatar whose computation failed fails too.</summary>
    private string Status(ExportRecord export)
    {
        var now = state.Clock.GetUtcNow();
        var avatar = export.Avatar.StateAt(now);
        return avatar.IsTerminal && !avatar.IsCompleted ? "Failed" : !avatar.IsCompleted ? "Queued" : export.StatusAt(now);
    }

    private static bool IsPublic(ExportRecord export) => export.Parameters["make_public"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    private Dictionary<string, object?> Dto(HttpContext context, ExportRecord export)
    {
        var status = Status(export);
        var url = AvatarSdkUrls.Avatar(context, export.Avatar.Code, $"exports/{export.Code}/");
        var files = status != "Completed" ? [] : export.Files.Value.Select(f => new Dictionary<string, object?>
        {
            ["category"] = f.Category,
            ["file"] = $"{url}files/{f.Identity}/file/",
            ["identity"] = f.Identity,
            ["static_files"] = f.StaticFiles.Keys.Select(n => $"{url}files/{f.Identity}/static_files/{n}")
                .Concat(f.StaticResources.Select(p => AvatarSdkUrls.Api(context, p))).ToList(),
        }).ToList();
        var dto = new Dictionary<string, object?>
        {
            ["avatar_code"] = export.Avatar.Code,
            ["code"] = export.Code,
            ["comment"] = export.Comment,
            ["created_on"] = AvatarSdkUrls.Time(export.CreatedOn),
            ["files"] = files,
            ["status"] = status,
            ["url"] = url,
        };
        if (IsPublic(export))
        {
            dto["public_file"] = AvatarSdkUrls.Api(context, $"public/{export.Code}/avatar.zip");
        }

        return dto;
    }
}
