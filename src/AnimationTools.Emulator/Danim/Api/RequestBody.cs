using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AnimationTools.Emulator.Danim;

/// <summary>A file part of a multipart body; <see cref="Content"/> is null when it was larger than the limit.</summary>
internal sealed record FilePart(string FileName, string? ContentType, byte[]? Content, long Length);

/// <summary>
/// The arguments of a request, whatever its encoding (contract §3): a JSON object, URL-encoded or multipart fields (nested
/// by bracket notation, <c>patch[name]=…</c>), and the file parts of a multipart body by their bracket path.
/// </summary>
internal sealed class RequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<(string[] Path, FilePart Part)> files;

    private RequestBody(JsonObject fields, List<(string[] Path, FilePart Part)> files, string encoding)
    {
        Fields = fields;
        this.files = files;
        Encoding = encoding;
    }

    public JsonObject Fields { get; }

    /// <summary><c>json</c>, <c>form</c>, <c>multipart</c> or <c>none</c>.</summary>
    public string Encoding { get; }

    /// <summary>Every file part whose field name is <paramref name="path"/>, or that path followed by <c>[]</c>.</summary>
    public IReadOnlyList<FilePart> FilesAt(params string[] path) =>
        files.Where(f => f.Path.Length >= path.Length && f.Path.Take(path.Length).SequenceEqual(path, StringComparer.Ordinal)
                         && (f.Path.Length == path.Length || (f.Path.Length == path.Length + 1 && f.Path[^1].Length == 0)))
            .Select(f => f.Part).ToList();

    /// <summary>The second path segment of every file part under <paramref name="top"/> (<c>template_data[poster]</c> → <c>poster</c>).</summary>
    public IReadOnlyList<string> FileKeysUnder(string top) =>
        files.Where(f => f.Path.Length >= 2 && f.Path[0] == top).Select(f => f.Path[1]).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The first file part of the body, whatever its field name.</summary>
    public (string Field, FilePart Part)? FirstFile() => files.Count == 0 ? null : (string.Join('/', files[0].Path), files[0].Part);

    public static async Task<RequestBody> ReadAsync(HttpContext context, long maxFileBytes)
    {
        var request = context.Request;
        var contentType = request.ContentType?.Trim() ?? string.Empty;
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType);
        // "x-www-form-urlencoded" (the seed's typo) has no slash and does not parse as a media type.
        var media = mediaType?.MediaType.Value?.ToLowerInvariant() ?? contentType.Split(';')[0].Trim().ToLowerInvariant();

        if (media == "multipart/form-data")
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                throw new DanimError(ErrorTypes.BadParameter, "A multipart/form-data body needs the boundary parameter in its Content-Type header.");
            }

            return await ReadMultipartAsync(context, request.Body, boundary, maxFileBytes);
        }

        var bytes = await ReadAllAsync(request);
        if (media == "application/json")
        {
            return ParseJson(bytes);
        }

        if (media is "application/x-www-form-urlencoded" or "x-www-form-urlencoded")
        {
            // The second name is the seed's own typo (§3): tolerated.
            return ParseUrlEncoded(context, bytes);
        }

        if (contentType.Length == 0)
        {
            return await GuessAsync(context, bytes, maxFileBytes);
        }

        throw LooksLikeJson(bytes)
            ? new DanimError(ErrorTypes.InvalidJson, $"The body looks like JSON but the Content-Type is \"{contentType}\": set Content-Type: application/json.")
            : new DanimError(ErrorTypes.BadParameter, $"Content-Type \"{contentType}\" is not accepted: use application/json, application/x-www-form-urlencoded or multipart/form-data.");
    }

    /// <summary>An empty Content-Type is tolerated: "we'll guess" (§3). JSON is never guessed: it needs its header.</summary>
    private static async Task<RequestBody> GuessAsync(HttpContext context, byte[] bytes, long maxFileBytes)
    {
        if (bytes.Length == 0)
        {
            return new RequestBody(new JsonObject(), [], "none");
        }

        if (bytes.Length > 2 && bytes[0] == '-' && bytes[1] == '-')
        {
            var end = Array.IndexOf(bytes, (byte)'\n');
            var boundary = System.Text.Encoding.ASCII.GetString(bytes, 2, (end < 0 ? bytes.Length : end) - 2).TrimEnd('\r');
            return await ReadMultipartAsync(context, new MemoryStream(bytes), boundary, maxFileBytes);
        }

        if (LooksLikeJson(bytes))
        {
            throw new DanimError(ErrorTypes.InvalidJson, "The body looks like JSON but has no Content-Type header: set Content-Type: application/json.");
        }

        return ParseUrlEncoded(context, bytes);
    }

    private static bool LooksLikeJson(byte[] bytes)
    {
        var first = bytes.SkipWhile(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n').FirstOrDefault();
        return first is (byte)'{' or (byte)'[';
    }

    private static RequestBody ParseJson(byte[] bytes)
    {
        try
        {
            _ = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DanimError(ErrorTypes.MalformedUtf8Characters, "The JSON body holds characters that are not valid UTF-8.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new DanimError(ErrorTypes.InvalidJson, $"The JSON body cannot be parsed ({ex.Message}). Keys must be strings in double quotes.");
        }

        if (root is not JsonObject fields)
        {
            throw new DanimError(ErrorTypes.InvalidJson, "The JSON body must be an object.");
        }

        return new RequestBody(fields, [], "json");
    }

    private static RequestBody ParseUrlEncoded(HttpContext context, byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var pairs = QueryHelpers.ParseQuery(text.StartsWith('?') ? text : "?" + text);
        var fields = new JsonObject();
        foreach (var pair in pairs.OrderBy(p => p.Key.Contains('[') ? 1 : 0))
        {
            foreach (var value in pair.Value)
            {
                Assign(fields, BracketPath(pair.Key), value ?? string.Empty);
            }
        }

        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(pairs)));
        return new RequestBody(fields, [], "form");
    }

    private static async Task<RequestBody> ReadMultipartAsync(HttpContext context, Stream body, string boundary, long maxFileBytes)
    {
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        var texts = new List<(string Name, string Value)>();
        var files = new List<(string[] Path, FilePart Part)>();
        var logged = new FormFileCollection();
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                    var part = await ReadPartAsync(section, fileName, maxFileBytes, context.RequestAborted);
                    files.Add((BracketPath(name), part));
                    logged.Add(new FormFile(new MemoryStream(part.Content ?? []), 0, part.Length, name, fileName)
                    {
                        Headers = new HeaderDictionary(),
                        ContentType = part.ContentType ?? string.Empty,
                    });
                }
                else
                {
                    using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                    texts.Add((name, await text.ReadToEndAsync(context.RequestAborted)));
                }
            }
        }
        catch (IOException ex)
        {
            throw new DanimError(ErrorTypes.BadParameter, $"The multipart body cannot be read: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            throw new DanimError(ErrorTypes.BadParameter, $"The multipart body is malformed: {ex.Message}");
        }

        var fields = new JsonObject();
        foreach (var (name, value) in texts.OrderBy(t => t.Name.Contains('[') ? 1 : 0))
        {
            Assign(fields, BracketPath(name), value);
        }

        var logFields = texts.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new StringValues(g.Select(t => t.Value).ToArray()));
        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(logFields, logged)));
        return new RequestBody(fields, files, "multipart");
    }

    private static async Task<FilePart> ReadPartAsync(MultipartSection section, string fileName, long maxFileBytes, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total <= maxFileBytes)
            {
                copy.Write(buffer, 0, read);
            }
        }

        var contentType = section.ContentType is { Length: > 0 } type ? type : null;
        return new FilePart(fileName, contentType, total > maxFileBytes ? null : copy.ToArray(), total);
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request)
    {
        using var copy = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            throw new DanimError(ErrorTypes.BadParameter, "The request body could not be read.");
        }

        return copy.ToArray();
    }

    /// <summary><c>a[b][]</c> → <c>["a", "b", ""]</c>; a name that is not bracket notation is one segment.</summary>
    internal static string[] BracketPath(string name)
    {
        var open = name.IndexOf('[');
        if (open <= 0 || !name.EndsWith(']'))
        {
            return [name];
        }

        var segments = new List<string> { name[..open] };
        var rest = name[open..];
        while (rest.Length > 0)
        {
            if (rest[0] != '[')
            {
                return [name];
            }

            var close = rest.IndexOf(']');
            if (close < 0)
            {
                return [name];
            }

            segments.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        return segments.ToArray();
    }

    private static void Assign(JsonObject root, string[] path, string value)
    {
        JsonNode container = root;
        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            var key = path[i];
            if (container is JsonArray array)
            {
                if (key.Length != 0)
                {
                    throw new DanimError(ErrorTypes.BadParameter, $"Field \"{string.Join("][", path)}\" mixes a list and named keys.");
                }

                if (last)
                {
                    array.Add(value);
                    return;
                }

                var child = new JsonObject();
                array.Add(child);
                container = child;
                continue;
            }

            var obj = (JsonObject)container;
            if (last)
            {
                if (key.Length == 0)
                {
                    throw new DanimError(ErrorTypes.BadParameter, "A field name cannot be empty.");
                }

                obj[key] = value;
                return;
            }

            var next = obj[key];
            if (next is JsonValue text && text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('{'))
            {
                // template_data={"title":…} together with template_data[poster]=<file>: the JSON string is the object.
                next = ParseNested(key, json);
                obj[key] = next;
            }

            if (next is null)
            {
                next = path[i + 1].Length == 0 ? new JsonArray() : new JsonObject();
                obj[key] = next;
            }
            else if (next is JsonValue)
            {
                throw new DanimError(ErrorTypes.BadParameter, $"Field \"{key}\" is given both as a value and as an object.");
            }

            container = next;
        }
    }

    /// <summary>A nested argument given as a JSON-encoded string (allowed for <c>template_data</c> and <c>patch</c>).</summary>
    internal static JsonObject ParseNested(string name, string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                   ?? throw new DanimError(ErrorTypes.BadParameter, $"\"{name}\" must be an object (or a JSON-encoded object).");
        }
        catch (JsonException ex)
        {
            throw new DanimError(ErrorTypes.BadParameter, $"\"{name}\" is not valid JSON: {ex.Message}");
        }
    }
}
