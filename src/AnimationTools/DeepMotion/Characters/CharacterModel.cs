using System;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>One listModels entry; the service spells keys in several ways (Id/id, thumb/thumbnail).</summary>
    sealed class CharacterModelWire
    {
        [JsonPropertyName("Id")] public string IdUpper { get; set; }
        [JsonPropertyName("id")] public string IdLower { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("thumb")] public string Thumb { get; set; }
        [JsonPropertyName("thumbnail")] public string Thumbnail { get; set; }
        [JsonPropertyName("rigId")] public JsonElement RigId { get; set; }
        [JsonPropertyName("platform")] public string Platform { get; set; }
        [JsonPropertyName("ctime")] public JsonElement Created { get; set; }
        [JsonPropertyName("mtime")] public JsonElement Modified { get; set; }

        public CharacterModel ToModel() => new CharacterModel
        {
            Id = IdUpper ?? IdLower,
            Name = Name,
            Thumbnail = Thumb ?? Thumbnail,
            RigId = RigId.ValueKind == JsonValueKind.String ? RigId.GetString() : RigId.ValueKind == JsonValueKind.Number ? RigId.GetRawText() : null,
            Platform = Platform ?? "custom",
            Created = Time(Created),
            Modified = Time(Modified),
        };

        static DateTime? Time(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms > 0)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms).LocalDateTime;
            }
            if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), out var when))
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
        [JsonPropertyName("count")] public int Count { get; set; }
    }
}
