using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnimationTools.HourOne
{
    /// <summary>A video as the API writes it (VideoResponse, contract §3).</summary>
    sealed class VideoDto
    {
        [JsonPropertyName("id")] public string Id { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("progress")] public int? Progress { get; set; }
        [JsonPropertyName("req_id")] public string ReqId { get; set; }
        [JsonPropertyName("draft_id")] public string DraftId { get; set; }
        [JsonPropertyName("source_draft_id")] public string SourceDraftId { get; set; }
        [JsonPropertyName("recipe_id")] public string RecipeId { get; set; }
        [JsonPropertyName("template_id")] public string TemplateId { get; set; }
        [JsonPropertyName("palette_id")] public string PaletteId { get; set; }
        [JsonPropertyName("character_id")] public string CharacterId { get; set; }
        [JsonPropertyName("voice_id")] public string VoiceId { get; set; }
        [JsonPropertyName("video_player_url")] public string VideoPlayerUrl { get; set; }
        [JsonPropertyName("download_url")] public string DownloadUrl { get; set; }
        [JsonPropertyName("correlation_id")] public string CorrelationId { get; set; }
        [JsonPropertyName("metadata")] public JsonElement? Metadata { get; set; }

        /// <summary>Set by the poller's fetch when the video is gone (404).</summary>
        [JsonIgnore] public bool Missing { get; set; }

        [JsonIgnore] public string Fingerprint => (Missing ? "missing" : Status) + "|" + Progress + "|" + DownloadUrl;
    }

    sealed class VideoMetadataDto
    {
        [JsonPropertyName("duration")] public double Duration { get; set; }
        [JsonPropertyName("scenes_metadata")] public List<SceneMetadataDto> Scenes { get; set; }
    }

    sealed class SceneMetadataDto
    {
        [JsonPropertyName("scene_index")] public int Index { get; set; }
        [JsonPropertyName("start_time")] public double StartTime { get; set; }
        [JsonPropertyName("duration")] public double Duration { get; set; }
    }

    sealed class SubtitleDto
    {
        [JsonPropertyName("language_code")] public string LanguageCode { get; set; }
        [JsonPropertyName("format")] public string Format { get; set; }
        [JsonPropertyName("url")] public string Url { get; set; }
    }

    /// <summary>An Hour One video.</summary>
    public sealed class HourOneVideo
    {
        public string Id { get; set; }
        public string Name { get; set; }

        /// <summary>not_started, started, processing, ready, published, failed, stopped or cancelled (or a newer value).</summary>
        public string Status { get; set; }

        /// <summary>Rendering progress 0-100; -1 when unknown (or failed).</summary>
        public int Progress { get; set; }

        /// <summary>The service's request id.</summary>
        public string RequestId { get; set; }

        /// <summary>The project (draft) the video request created.</summary>
        public string DraftId { get; set; }
        public string SourceDraftId { get; set; }
        public string RecipeId { get; set; }
        public string TemplateId { get; set; }
        public string PaletteId { get; set; }
        public string CharacterId { get; set; }
        public string VoiceId { get; set; }

        /// <summary>The video's player page.</summary>
        public string PlayerUrl { get; set; }

        /// <summary>The mp4, once rendered (ready or published).</summary>
        public string DownloadUrl { get; set; }

        /// <summary>The unique id this module sent with the create request; it finds the video again after a lost answer.</summary>
        public string CorrelationId { get; set; }

        /// <summary>The caller's metadata, as sent with the create request.</summary>
        public Hashtable Metadata { get; set; }

        /// <summary>The downloaded mp4 (New-HourOneVideo -Destination, Save-HourOneVideo); null otherwise.</summary>
        public FileInfo File { get; set; }

        public override string ToString() => Id;
    }

    /// <summary>Duration and per-scene timings of a rendered video.</summary>
    public sealed class HourOneVideoMetadata
    {
        public string Id { get; set; }
        public TimeSpan Duration { get; set; }
        public HourOneSceneTiming[] Scenes { get; set; }
    }

    /// <summary>When one scene of a video starts, and how long it lasts.</summary>
    public sealed class HourOneSceneTiming
    {
        public int Index { get; set; }
        public TimeSpan Start { get; set; }
        public TimeSpan Duration { get; set; }

        public override string ToString() => $"{Index}: {Start} +{Duration}";
    }

    /// <summary>Subtitles made for a video.</summary>
    public sealed class HourOneSubtitle
    {
        public string VideoId { get; set; }
        public string Language { get; set; }

        /// <summary>vtt or srt.</summary>
        public string Format { get; set; }
        public string Url { get; set; }

        /// <summary>The downloaded file (-Destination); null otherwise.</summary>
        public FileInfo File { get; set; }
    }

    static class HourOneModels
    {
        public static HourOneVideo ToVideo(VideoDto dto) => new HourOneVideo
        {
            Id = dto.Id,
            Name = dto.Name,
            Status = dto.Status,
            Progress = dto.Progress ?? 0,
            RequestId = dto.ReqId,
            DraftId = dto.DraftId,
            SourceDraftId = dto.SourceDraftId,
            RecipeId = dto.RecipeId,
            TemplateId = dto.TemplateId,
            PaletteId = dto.PaletteId,
            CharacterId = dto.CharacterId,
            VoiceId = dto.VoiceId,
            PlayerUrl = dto.VideoPlayerUrl,
            DownloadUrl = dto.DownloadUrl,
            CorrelationId = dto.CorrelationId,
            Metadata = ToHashtable(dto.Metadata),
        };

        public static HourOneVideoMetadata ToMetadata(string id, VideoMetadataDto dto) => new HourOneVideoMetadata
        {
            Id = id,
            Duration = TimeSpan.FromSeconds(dto.Duration),
            Scenes = (dto.Scenes ?? new List<SceneMetadataDto>())
                .OrderBy(s => s.Index)
                .Select(s => new HourOneSceneTiming { Index = s.Index, Start = TimeSpan.FromSeconds(s.StartTime), Duration = TimeSpan.FromSeconds(s.Duration) })
                .ToArray(),
        };

        static Hashtable ToHashtable(JsonElement? metadata)
        {
            if (metadata == null || metadata.Value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var property in metadata.Value.EnumerateObject())
            {
                var value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String: table[property.Name] = value.GetString(); break;
                    case JsonValueKind.True: table[property.Name] = true; break;
                    case JsonValueKind.False: table[property.Name] = false; break;
                    case JsonValueKind.Number: table[property.Name] = value.TryGetInt64(out var n) ? (object)n : value.GetDouble(); break;
                    case JsonValueKind.Null: table[property.Name] = null; break;
                    default: table[property.Name] = value.GetRawText(); break;
                }
            }
            return table;
        }
    }
}
