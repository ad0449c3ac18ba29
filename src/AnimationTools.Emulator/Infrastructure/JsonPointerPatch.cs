using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>
/// Sets values inside a JSON document by JSON pointer (RFC 6901), with <c>*</c> for every element or member, so a fault
/// can make one field of a real answer wrong (an unknown status, a wrong type, a null) and keep the rest.
/// </summary>
internal static class JsonPointerPatch
{
    public static string Apply(byte[] json, IReadOnlyDictionary<string, JsonNode?> patch)
    {
        var root = JsonNode.Parse(json) ?? throw new InvalidOperationException("the answer is JSON null.");
        foreach (var (pointer, value) in patch)
        {
            var segments = pointer.Split('/').Skip(1).Select(Unescape).ToArray();
            if (segments.Length == 0)
            {
                throw new InvalidOperationException("a pointer must name a member or an element, not the whole document.");
            }

            Set(root, segments, 0, value);
        }

        return root.ToJsonString();
    }

    private static void Set(JsonNode node, string[] segments, int index, JsonNode? value)
    {
        var segment = segments[index];
        var last = index == segments.Length - 1;
        switch (node)
        {
            case JsonObject obj:
                var names = segment == "*" ? obj.Select(p => p.Key).ToList() : [segment];
                foreach (var name in names)
                {
                    if (last)
                    {
                        obj[name] = value?.DeepClone();
                    }
                    else if (obj[name] is { } child)
                    {
                        Set(child, segments, index + 1, value);
                    }
                }

                break;
            case JsonArray array:
                var positions = segment == "*" ? Enumerable.Range(0, array.Count).ToList()
                    : int.TryParse(segment, out var position) && position >= 0 && position < array.Count ? [position]
                    : segment == "-" && last ? [array.Count]
                    : [];
                foreach (var i in positions)
                {
                    if (last)
                    {
                        if (i == array.Count)
                        {
                            array.Add(value?.DeepClone());
                        }
                        else
                        {
                            array[i] = value?.DeepClone();
                        }
                    }
                    else if (array[i] is { } child)
                    {
                        Set(child, segments, index + 1, value);
                    }
                }

                break;
        }
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
}
