using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using AnimationTools.Core.Errors;

namespace AnimationTools.DeepMotion.Characters
{
    /// <summary>A character model (custom or stock) that Start-AnimationJob -Model takes by id.</summary>
    public sealed class CharacterModel
    {
        /// <summary>Model id, the value of /process's model parameter.</summary>
        public string Id { get; set; }

        public string Name { get; set; }

        /// <summary>URL of the thumbnail image, if any.</summary>
        public string Thumbnail { get; set; }

        /// <summary>Rig template id.</summary>
        public string RigId { get; set; }

        /// <summary>custom, deepmotion or roblox (stock models).</summary>
        public string Platform { get; set; }

        public DateTime? Created { get; set; }

        public DateTime? Modified { get; set; }

        /// <summary>Id under the name a pipeline binds: Start-AnimationJob -Model takes it by property name.</summary>
        public string ModelId => Id;

        public override string ToString() => Id;
    }

    /// <summary>
    /// Reads a listModels answer in every shape seen (§14 Q5): the seed's bare array with <c>Id</c>, the vendor demo's
    /// <c>{"list": [...]}</c> with <c>id</c>, any spelling of a key (<c>ID</c>, <c>Name</c>, <c>thumb</c> or
    /// <c>thumbnail</c>), ids and rig ids as strings or numbers, times as epoch milliseconds or ISO text.
    /// </summary>
    static class CharacterModelList
    {
        public static List<CharacterModel> Parse(string body)
        {
            try
            {
                using (var document = JsonDocument.Parse(body))
                {
                    var root = document.RootElement;
                    var array = root.ValueKind == JsonValueKind.Array ? root
                        : root.ValueKind == JsonValueKind.Object && TryGet(root, out var list, "list") && list.ValueKind == JsonValueKind.Array ? list
                        : throw new JsonException("expected an array of models, or an object with a 'list' array");
                    return array.EnumerateArray()
                        .Where(e => e.ValueKind == JsonValueKind.Object)
                        .Select(Read)
                        .Where(m => !string.IsNullOrEmpty(m.Id))
                        .ToList();
                }
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException("DeepMotion.InvalidResponse", ErrorCategory.InvalidResult, "DeepMotion sent an unreadable model list: " + ex.Message, ex);
            }
        }

        static CharacterModel Read(JsonElement entry) => new CharacterModel
        {
            Id = Text(entry, "id"),
            Name = Text(entry, "name"),
            Thumbnail = Text(entry, "thumb", "thumbnail"),
            RigId = Text(entry, "rigId"),
            Platform = Text(entry, "platform") ?? "custom",
            Created = Time(entry, "ctime"),
            Modified = Time(entry, "mtime"),
        };

        /// <summary>The first of the names present, compared without case (an exact spelling wins over another).</summary>
        static bool TryGet(JsonElement entry, out JsonElement value, params string[] names)
        {
            foreach (var name in names)
            {
                if (entry.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
                {
                    return true;
                }
                foreach (var property in entry.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
                    {
                        value = property.Value;
                        return true;
                    }
                }
            }
            value = default;
            return false;
        }

        static string Text(JsonElement entry, params string[] names)
        {
            if (!TryGet(entry, out var value, names))
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.String ? value.GetString()
                : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
                : null;
        }

        static DateTime? Time(JsonElement entry, string name)
        {
            if (!TryGet(entry, out var value, name))
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms > 0)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms).LocalDateTime;
            }
            if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
            {
                return when.LocalDateTime;
            }
            return null;
        }
    }

    sealed class ModelUploadUrls
    {
        [JsonPropertyName("modelUrl")] public string ModelUrl { get; set; }
        [JsonPropertyName("thumbUrl")] public string ThumbUrl { get; set; }
    }

    sealed class StoreModelBody
    {
        [JsonPropertyName("modelUrl")] public string ModelUrl { get; set; }
        [JsonPropertyName("modelName")] public string ModelName { get; set; }
        [JsonPropertyName("thumbUrl")] public string ThumbUrl { get; set; }
        [JsonPropertyName("modelId")] public string ModelId { get; set; }
        [JsonPropertyName("createThumb")] public int? CreateThumb { get; set; }
    }

    sealed class StoreModelResponse
    {
        [JsonPropertyName("modelId")] public string ModelId { get; set; }
    }

    sealed class DeleteModelResponse
    {
        [JsonPropertyName("count"), JsonRequired] public int Count { get; set; }
    }
}
