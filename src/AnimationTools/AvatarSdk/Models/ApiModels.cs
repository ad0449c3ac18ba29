using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AnimationTools.AvatarSdk
{
    // Wire shapes of the Avatar SDK Web API, with its field names mapped once. Every URL field is optional (§5.1).

    sealed class AvatarDto
    {
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("code"), JsonRequired] public string Code { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("status_verbose")] public StatusVerbose StatusVerbose { get; set; }
        [JsonPropertyName("progress")] public int? Progress { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("pipeline")] public string Pipeline { get; set; }
        [JsonPropertyName("description")] public string Description { get; set; }
        [JsonPropertyName("created_on")] public System.DateTimeOffset? CreatedOn { get; set; }
        [JsonPropertyName("ctime")] public System.DateTimeOffset? ChangedOn { get; set; }
        [JsonPropertyName("mesh")] public string Mesh { get; set; }
        [JsonPropertyName("texture")] public string Texture { get; set; }
        [JsonPropertyName("thumbnail")] public string Thumbnail { get; set; }
        [JsonPropertyName("haircuts")] public string Haircuts { get; set; }
        [JsonPropertyName("blendshapes")] public string Blendshapes { get; set; }
        [JsonPropertyName("model_info")] public string ModelInfo { get; set; }
        [JsonPropertyName("exports")] public string Exports { get; set; }

        /// <summary>Set by the poller when the avatar answered 404 (deleted).</summary>
        [JsonIgnore] public bool Missing { get; set; }

        internal string Fingerprint => Missing ? "missing" : Status + ":" + Progress;
    }

    sealed class StatusVerbose
    {
        [JsonPropertyName("code")] public int? Code { get; set; }
        [JsonPropertyName("message")] public string Message { get; set; }
    }

    sealed class ExportDto
    {
        [JsonPropertyName("avatar_code")] public string AvatarCode { get; set; }
        [JsonPropertyName("code"), JsonRequired] public string Code { get; set; }
        [JsonPropertyName("comment")] public string Comment { get; set; }
        [JsonPropertyName("created_on")] public System.DateTimeOffset? CreatedOn { get; set; }
        [JsonPropertyName("files")] public List<ExportFileDto> Files { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; }
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("public_file")] public string PublicFile { get; set; }

        [JsonIgnore] public bool Missing { get; set; }

        internal string Fingerprint => Missing ? "missing" : Code + ":" + Status;
    }

    sealed class ExportFileDto
    {
        [JsonPropertyName("category")] public string Category { get; set; }
        [JsonPropertyName("file")] public string File { get; set; }
        [JsonPropertyName("identity")] public string Identity { get; set; }
        [JsonPropertyName("static_files")] public List<string> StaticFiles { get; set; }
    }

    sealed class PlayerDto
    {
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("code"), JsonRequired] public string Code { get; set; }
        [JsonPropertyName("created_on")] public System.DateTimeOffset? CreatedOn { get; set; }
        [JsonPropertyName("comment")] public string Comment { get; set; }
    }

    sealed class SelfieDto
    {
        [JsonPropertyName("code"), JsonRequired] public string Code { get; set; }
        [JsonPropertyName("expires")] public System.DateTimeOffset? Expires { get; set; }
        [JsonPropertyName("file_url")] public string FileUrl { get; set; }
        [JsonPropertyName("upload_page_qr")] public string UploadPageQr { get; set; }
        [JsonPropertyName("upload_page_url")] public string UploadPageUrl { get; set; }
        [JsonPropertyName("upload_page_visited")] public bool UploadPageVisited { get; set; }
        [JsonPropertyName("url")] public string Url { get; set; }
    }

    sealed class HaircutDto
    {
        [JsonPropertyName("identity")] public string Identity { get; set; }
        [JsonPropertyName("gender")] public string Gender { get; set; }
        [JsonPropertyName("preview")] public string Preview { get; set; }
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("texture")] public string Texture { get; set; }
        [JsonPropertyName("model")] public string Model { get; set; }
        [JsonPropertyName("pointcloud")] public string PointCloud { get; set; }
        [JsonPropertyName("mesh")] public string Mesh { get; set; }
    }

    sealed class TextureDto
    {
        [JsonPropertyName("identity")] public string Identity { get; set; }
        [JsonPropertyName("file")] public string File { get; set; }
    }

    sealed class UsageDto
    {
        [JsonPropertyName("created"), JsonRequired] public int Created { get; set; }
        [JsonPropertyName("prepaid")] public int? Prepaid { get; set; }
        [JsonPropertyName("to_pay")] public int? ToPay { get; set; }
    }
}
