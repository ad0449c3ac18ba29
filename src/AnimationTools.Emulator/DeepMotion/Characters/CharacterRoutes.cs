using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>§10: custom character upload URLs, storeModel, listModels and deleteModel.</summary>
internal sealed class CharacterRoutes(StorageBucket bucket, ModelCatalog models, EmulatorOptions options)
{
    private static readonly string[] ModelExtensions = ["fbx", "glb", "gltf", "vrm"];
    private static readonly string[] ThumbExtensions = ["png", "jpg", "jpeg"];

    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/character/getModelUploadUrl", GetModelUploadUrl);
        // Cast: a Task<IResult>(HttpContext) method group would bind as a RequestDelegate and its result be dropped.
        api.MapPost("/character/storeModel", (Delegate)StoreModelAsync);
        api.MapGet("/character/listModels", ListModels);
        api.MapDelete("/character/deleteModel/{modelId}", (string modelId, HttpContext context) =>
            ApiResults.Json(new { count = models.Delete(SessionGate.Current(context), modelId) }));
    }

    private IResult GetModelUploadUrl(HttpContext context, string? name, string? modelExt, string? thumbExt, string? resumable)
    {
        modelExt = string.IsNullOrEmpty(modelExt) ? "fbx" : modelExt.TrimStart('.').ToLowerInvariant();
        thumbExt = string.IsNullOrEmpty(thumbExt) ? "png" : thumbExt.TrimStart('.').ToLowerInvariant();
        if (!ModelExtensions.Contains(modelExt))
        {
            return ApiResults.BadRequest($"modelExt must be one of {string.Join(", ", ModelExtensions)}.");
        }

        if (!ThumbExtensions.Contains(thumbExt))
        {
            return ApiResults.BadRequest($"thumbExt must be one of {string.Join(", ", ThumbExtensions)}.");
        }

        if (UploadRoutes.ParseResumable(resumable) is not { } isResumable)
        {
            return ApiResults.BadRequest("Query parameter 'resumable' must be 0 or 1.");
        }

        var baseName = string.IsNullOrWhiteSpace(name) ? "model" : name;
        var storage = DeepMotionUrls.Storage(context);
        var model = bucket.Issue(storage, $"{baseName}.{modelExt}", isResumable, UploadPurpose.Model);
        var thumb = bucket.Issue(storage, $"{baseName}.{thumbExt}", isResumable, UploadPurpose.Thumbnail);
        return ApiResults.Json(new { modelUrl = model.Url, thumbUrl = thumb.Url });
    }

    private async Task<IResult> StoreModelAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var root = body.Root!.Value;
        var session = SessionGate.Current(context);
        var modelUrl = root.OptionalString("modelUrl");
        var modelId = root.OptionalString("modelId");
        var modelName = root.OptionalString("modelName");
        var thumbUrl = root.OptionalString("thumbUrl");
        if (ParseCreateThumb(root) is not { } createThumb)
        {
            return ApiResults.BadRequest("createThumb must be 0 or 1.");
        }

        if (thumbUrl is not null && CheckUploaded(thumbUrl, "thumbUrl") is { } thumbProblem)
        {
            return ApiResults.BadRequest(thumbProblem);
        }

        if (!string.IsNullOrEmpty(modelId))
        {
            var updated = models.Update(session, modelId, modelName, thumbUrl, createThumb);
            return updated is null
                ? ApiResults.NotFound($"No model '{modelId}' owned by this session.")
                : ApiResults.Json(new { modelId = updated.Id });
        }

        if (string.IsNullOrEmpty(modelUrl))
        {
            return ApiResults.BadRequest("Either modelUrl or modelId is required.");
        }

        if (CheckUploaded(modelUrl, "modelUrl") is { } modelProblem)
        {
            return ApiResults.BadRequest(modelProblem);
        }

        var name = modelName ?? Path.GetFileNameWithoutExtension(new Uri(modelUrl).AbsolutePath);
        var stored = models.Store(session, Uri.UnescapeDataString(name), modelUrl, thumbUrl, createThumb);
        return ApiResults.Json(new { modelId = stored.Id });
    }

    private IResult ListModels(HttpContext context, string? modelId, string? searchToken, string? stockModel)
    {
        var session = SessionGate.Current(context);
        var withPlatform = stockModel is not null;
        var thumbnail = DeepMotionUrls.StaticFile(context, ResultRoutes.ThumbnailFile);
        var list = models.Visible(session, includeStock: withPlatform)
            .Where(m => string.IsNullOrEmpty(modelId) || m.Id == modelId)
            .Where(m => string.IsNullOrEmpty(searchToken) || m.Name.Contains(searchToken, StringComparison.OrdinalIgnoreCase))
            .Select(m => Describe(m, withPlatform, thumbnail, options.ListModelsShape))
            .ToList();
        return options.ListModelsShape == ListModelsShape.Array ? ApiResults.Json(list) : ApiResults.Json(new { list });
    }

    /// <summary>
    /// §14 Q5: the vendor's demo client reads <c>{"list": [...]}</c> with <c>id</c>, which is the better evidence of the
    /// live service, so that is the default; the seed's bare array with <c>Id</c> stays selectable.
    /// </summary>
    private static Dictionary<string, object?> Describe(CharacterModel model, bool withPlatform, string generatedThumb, ListModelsShape shape)
    {
        var entry = new Dictionary<string, object?>
        {
            [shape == ListModelsShape.Array ? "Id" : "id"] = model.Id,
            ["name"] = model.Name,
            ["rigId"] = model.RigId,
            ["ctime"] = model.CreatedAt.ToUnixTimeMilliseconds(),
            ["mtime"] = model.ModifiedAt.ToUnixTimeMilliseconds(),
        };
        var thumb = model.ThumbUrl ?? (model.GeneratedThumb ? generatedThumb : null);
        if (thumb is not null)
        {
            entry["thumb"] = thumb;
        }

        if (withPlatform)
        {
            entry["platform"] = model.Platform;
        }

        return entry;
    }

    /// <summary>Emulator URLs must point to a completed upload; any other absolute http(s) URL is a model hosted elsewhere.</summary>
    private string? CheckUploaded(string url, string field)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return $"{field} must be an absolute http(s) URL.";
        }

        var stored = bucket.FindByUrl(url);
        if (stored is null && StorageBucket.IsSignedUrlShape(url))
        {
            return $"{field} was not issued by getModelUploadUrl.";
        }

        return stored is { IsComplete: false } ? $"{field}: the file has not been uploaded (completely) yet." : null;
    }

    private static bool? ParseCreateThumb(JsonElement root)
    {
        if (!root.TryGetProperty("createThumb", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            JsonValueKind.String when value.GetString() is "0" or "1" => value.GetString() == "1",
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
