using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Turns the value of a file field (§8.1) into a file: a preloaded id (valid <see cref="DanimOptions.FileLifetime"/>, or
/// found in older data when a video used it before), a <c>file+https://</c> URL, or a multipart binary. Nothing is stored
/// here: the caller keeps the files once the whole request is accepted.
/// </summary>
internal sealed class FileInputResolver(FileStore files, RemoteFileFetcher remote, Func<DanimOptions> options, Func<DateTimeOffset> now)
{
    public async Task<StoredFile> ResolveAsync(JsonNode? value, FilePart? part, string appId, string field, CancellationToken ct)
    {
        var settings = options();
        if (part is not null)
        {
            var accepted = FileRules.Inspect(part.FileName, part.ContentType, part.Content, part.Length, settings.MaxFileBytes);
            return new StoredFile(appId, FileOrigin.Binary, part.FileName, accepted, part.Content!, now(), settings.FileLifetime);
        }

        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            throw new DanimError(ErrorTypes.BadParameter,
                $"The file field \"{field}\" expects a preloaded file ID, a file+https:// URL or a multipart binary, not {Describe(value)}.");
        }

        var text = v.GetValue<string>();
        if (RemoteFileFetcher.IsFileUrl(text))
        {
            var (name, content, accepted) = await remote.FetchAsync(text, settings.MaxFileBytes, ct);
            return new StoredFile(appId, FileOrigin.Url, name, accepted, content, now(), settings.FileLifetime);
        }

        var file = files.FindPreloaded(text, appId);
        if (file is null)
        {
            var hint = text.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? " A URL must be written file+https://… to be downloaded." : string.Empty;
            throw new DanimError(ErrorTypes.TemplateDataFileNotFound, $"The file ID \"{text}\" given for \"{field}\" cannot be found.{hint}");
        }

        if (file.IsExpired(now()) && !file.InOlderData)
        {
            throw new DanimError(ErrorTypes.TemplateDataFileNotFound,
                $"The preloaded file \"{text}\" given for \"{field}\" has expired (a preloaded file ID is valid {settings.FileLifetime.TotalHours:0.##} hours) and cannot be found in older data.");
        }

        return file;
    }

    internal static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a string",
        },
    };
}
