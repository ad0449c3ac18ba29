namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>A selfie upload page (§8): one photo, uploaded by a person on a phone, within 24 h.</summary>
internal sealed class Selfie(string clientId, string? playerCode, DateTimeOffset createdOn, DateTimeOffset expires)
{
    public string Code { get; } = Guid.NewGuid().ToString();

    public string ClientId { get; } = clientId;

    public string? PlayerCode { get; } = playerCode;

    public DateTimeOffset CreatedOn { get; } = createdOn;

    public DateTimeOffset Expires { get; } = expires;

    public bool Visited { get; set; }

    public byte[]? Photo { get; set; }

    public string PhotoType { get; set; } = "image/jpeg";
}

internal sealed class SelfieStore
{
    private readonly object sync = new();
    private readonly List<Selfie> selfies = [];

    public Selfie Add(Selfie selfie)
    {
        lock (sync)
        {
            selfies.Add(selfie);
        }

        return selfie;
    }

    /// <summary>The selfie unless unknown or expired.</summary>
    public Selfie? Find(string code, DateTimeOffset now)
    {
        lock (sync)
        {
            return selfies.FirstOrDefault(s => s.Code == code && s.Expires > now);
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            selfies.Clear();
        }
    }
}

/// <summary>
/// <c>/selfies/</c> for the application (token needed) and the upload page for the person (no token): GET shows a
/// form and marks the page visited, POST (multipart <c>photo</c>) stores the one photo (a second one → 409).
/// </summary>
internal sealed class SelfieRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/selfies/", (HttpContext context) =>
        {
            var caller = Caller.Of(context);
            var now = state.Clock.GetUtcNow();
            var selfie = state.Selfies.Add(new Selfie(caller.ClientId, caller.PlayerCode, now, now + state.Options.SelfieLifetime));
            return Drf.Json(Dto(context, selfie), StatusCodes.Status201Created);
        }).DisableAntiforgery();
        api.MapGet("/selfies/{code}/", (string code, HttpContext context) =>
            Visible(context, code) is { } selfie ? Drf.Json(Dto(context, selfie)) : Drf.NotFound());
        api.MapGet("/selfies/{code}/qr/", (string code, HttpContext context) =>
            Visible(context, code) is { } selfie ? Results.File(QrImage.For(UploadPage(context, selfie)), "image/png", "qr.png") : Drf.NotFound());
        api.MapMethods("/selfies/{code}/file/", [HttpMethods.Get, HttpMethods.Head], (string code, HttpContext context) =>
            Visible(context, code) is not { } selfie ? Drf.NotFound()
            : selfie.Photo is null ? Results.NoContent()
            : Results.File(selfie.Photo, selfie.PhotoType, selfie.PhotoType == "image/png" ? "selfie.png" : "selfie.jpg"));
    }

    public void MapUploadPage(IEndpointRouteBuilder service)
    {
        service.MapGet("/selfie-upload/{code}/", (string code) =>
        {
            if (state.Selfies.Find(code, state.Clock.GetUtcNow()) is not { } selfie)
            {
                return Results.NotFound();
            }

            selfie.Visited = true;
            return Results.Content(
                "<!doctype html><html><body><h1>Upload your selfie</h1><form method=\"post\" enctype=\"multipart/form-data\">" +
                "<input type=\"file\" name=\"photo\" accept=\"image/*\" capture=\"user\"><button>Upload</button></form></body></html>", "text/html");
        });
        service.MapPost("/selfie-upload/{code}/", async (string code, HttpContext context) =>
        {
            if (state.Selfies.Find(code, state.Clock.GetUtcNow()) is not { } selfie)
            {
                return Drf.NotFound();
            }

            if (!context.Request.HasFormContentType || (await context.Request.ReadFormAsync(context.RequestAborted)).Files.GetFile("photo") is not { } file)
            {
                return Drf.Field("photo", "No file was submitted.");
            }

            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, context.RequestAborted);
            var photo = copy.ToArray();
            if (!Jpeg.IsJpeg(photo) && !Jpeg.IsPng(photo))
            {
                return Drf.Field("photo", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.");
            }

            lock (selfie)
            {
                if (selfie.Photo is not null)
                {
                    return Drf.Detail(StatusCodes.Status409Conflict, "A photo has already been uploaded to this page.");
                }

                selfie.Visited = true;
                selfie.Photo = photo;
                selfie.PhotoType = Jpeg.IsPng(photo) ? "image/png" : "image/jpeg";
            }

            return Drf.Json(new Dictionary<string, string> { ["detail"] = "Photo uploaded." }, StatusCodes.Status201Created);
        }).DisableAntiforgery();
    }

    private Selfie? Visible(HttpContext context, string code) =>
        state.Selfies.Find(code, state.Clock.GetUtcNow()) is { } selfie && Caller.Of(context).Sees(selfie.ClientId, selfie.PlayerCode) ? selfie : null;

    private static string UploadPage(HttpContext context, Selfie selfie) => AvatarSdkUrls.Api(context, $"selfie-upload/{selfie.Code}/");

    private static Dictionary<string, object?> Dto(HttpContext context, Selfie selfie) => new()
    {
        ["code"] = selfie.Code,
        ["expires"] = AvatarSdkUrls.Time(selfie.Expires),
        ["file_url"] = AvatarSdkUrls.Api(context, $"selfies/{selfie.Code}/file/"),
        ["upload_page_qr"] = AvatarSdkUrls.Api(context, $"selfies/{selfie.Code}/qr/"),
        ["upload_page_url"] = UploadPage(context, selfie),
        ["upload_page_visited"] = selfie.Visited,
        ["url"] = AvatarSdkUrls.Api(context, $"selfies/{selfie.Code}/"),
    };
}
