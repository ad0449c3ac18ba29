using System.Text.Json;

namespace AnimationTools.Emulator.Danim;

/// <summary><c>POST /upload/me</c> (§7.1): preloads one file; its id is valid <see cref="DanimOptions.FileLifetime"/>.</summary>
internal sealed class UploadRoutes(DanimState state)
{
    public void Map(IEndpointRouteBuilder api) => api.MapCommand(state, "/upload/me", UploadAsync);

    private async Task<IResult> UploadAsync(DanimCall call)
    {
        var options = state.Options;
        StoredFile file;
        var part = call.Body.FilesAt("file").FirstOrDefault() ?? call.Body.FirstFile()?.Part;
        if (part is not null)
        {
            var accepted = FileRules.Inspect(part.FileName, part.ContentType, part.Content, part.Length, options.MaxFileBytes);
            file = new StoredFile(call.AppId, FileOrigin.Upload, part.FileName, accepted, part.Content!, state.Now, options.FileLifetime);
        }
        else if (call.Fields["file"] is { } value && value.GetValueKind() == JsonValueKind.String && RemoteFileFetcher.IsFileUrl(value.GetValue<string>()))
        {
            // The same file forms as anywhere else (§8.1): a file+https:// URL is downloaded.
            var (name, content, accepted) = await state.Remote.FetchAsync(value.GetValue<string>(), options.MaxFileBytes, call.Aborted);
            file = new StoredFile(call.AppId, FileOrigin.Upload, name, accepted, content, state.Now, options.FileLifetime);
        }
        else
        {
            var hint = call.Body.Encoding == "multipart" ? string.Empty : " Files are sent as multipart/form-data.";
            throw new DanimError(ErrorTypes.MissingParameter, $"No file was sent: send it in the multipart field \"file\".{hint}");
        }

        state.Files.Add(file);
        return Envelope.Success(new { file = file.ToWire(call.BaseUrl) });
    }
}
