using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnimationTools.DeepMotion
{
    // Wire shapes of the DeepMotion API, with its field names mapped once. Public output types live beside them.

    sealed class UploadUrlResponse
    {
        [JsonPropertyName("url")] public string Url { get; set; }
    }

    sealed class ProcessRequestBody
    {
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("rid")] public string Rid { get; set; }
        [JsonPropertyName("processor")] public string Processor { get; set; } = "video2anim";
        [JsonPropertyName("params")] public List<string> Params { get; set; }
    }

    sealed class ProcessResponse
    {
        [JsonPropertyName("rid")] public string Rid { get; set; }
    }

    sealed class StatusResponse
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("status"), JsonRequired] public List<DeepMotionJobStatus> Status { get; set; }
    }

    /// <summary>One element of GET /status: PROGRESS, RETRY, SUCCESS or FAILURE with its details.</summary>
    public sealed class DeepMotionJobStatus
    {
        [JsonPropertyName("rid")] public string Rid { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("details")] public JsonElement Details { get; set; }
        [JsonPropertyName("positionInQueue")] public int? PositionInQueue { get; set; }

        internal int? Step => Number("step");
        internal int? Total => Number("total");
        internal string ExceptionType => Text("exc_type");
        internal string ExceptionMessage => Text("exc_message");

        internal string Fingerprint => Status + ":" + Step + "/" + Total;

        int? Number(string name)
        {
            return Details.ValueKind == JsonValueKind.Object && Details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
                ? number
                : (int?)null;
        }

        string Text(string name)
        {
            if (Details.ValueKind != JsonValueKind.Object || !Details.TryGetProperty(name, out var value))
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
        }
    }

    sealed class DownloadResponse
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("links"), JsonRequired] public List<DownloadLink> Links { get; set; }
    }

    sealed class DownloadLink
    {
        [JsonPropertyName("rid")] public string Rid { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("size")] public long? Size { get; set; }
        [JsonPropertyName("duration")] public double? Duration { get; set; }
        [JsonPropertyName("input")] public JsonElement Input { get; set; }
        [JsonPropertyName("urls")] public List<DownloadItem> Urls { get; set; }
    }

    sealed class DownloadItem
    {
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("files")] public List<Dictionary<string, string>> Files { get; set; }
    }

    sealed class ListResponse
    {
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("list"), JsonRequired] public List<ListItem> List { get; set; }
    }

    sealed class ListItem
    {
        [JsonPropertyName("rid")] public string Rid { get; set; }
        [JsonPropertyName("fileName")] public string FileName { get; set; }
        [JsonPropertyName("fileSize")] public long? FileSize { get; set; }
        [JsonPropertyName("fileDuration")] public double? FileDuration { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("ctime")] public long? CreatedMs { get; set; }
        [JsonPropertyName("mtime")] public long? ModifiedMs { get; set; }
    }

    sealed class CreditBalanceResponse
    {
        [JsonPropertyName("credits"), JsonRequired] public double Credits { get; set; }
    }

    sealed class VideoInfoRequest
    {
        [JsonPropertyName("url")] public string Url { get; set; }
    }

    sealed class VideoInfoResponse
    {
        [JsonPropertyName("width")] public int? Width { get; set; }
        [JsonPropertyName("height")] public int? Height { get; set; }
        [JsonPropertyName("fps")] public double? Fps { get; set; }
        [JsonPropertyName("duration")] public double? Duration { get; set; }
        [JsonPropertyName("codec")] public string Codec { get; set; }
        [JsonPropertyName("size")] public long? Size { get; set; }
    }
}
