using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnimationTools.Teleport
{
    // Wire shapes of the Teleport captures API (contract: specs/teleport-captures.md §4, §5), field names mapped once.

    /// <summary><c>CaptureOutput</c> (§5.1): every field required by the schema, many nullable.</summary>
    sealed class CaptureDto
    {
        [JsonPropertyName("eid")] public string Eid { get; set; }
        [JsonPropertyName("sid")] public string Sid { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("created")] public string Created { get; set; }
        [JsonPropertyName("uploaded")] public string Uploaded { get; set; }
        [JsonPropertyName("state")] public string State { get; set; }
        [JsonPropertyName("error_reason")] public string ErrorReason { get; set; }
        [JsonPropertyName("state_description")] public string StateDescription { get; set; }
        [JsonPropertyName("error_reason_slug")] public string ErrorReasonSlug { get; set; }
        [JsonPropertyName("preview_urls")] public Dictionary<string, string> PreviewUrls { get; set; }
        [JsonPropertyName("preview_url")] public string PreviewUrl { get; set; }
        [JsonPropertyName("viewer_url")] public string ViewerUrl { get; set; }
        [JsonPropertyName("share_url")] public string ShareUrl { get; set; }
        [JsonPropertyName("share_link")] public string ShareLink { get; set; }
        [JsonPropertyName("gif_url")] public string GifUrl { get; set; }
        [JsonPropertyName("video_url")] public string VideoUrl { get; set; }
        [JsonPropertyName("share_video_url")] public string ShareVideoUrl { get; set; }
        [JsonPropertyName("is_public")] public bool? IsPublic { get; set; }

        /// <summary>Set by the poller when a whole walk of the list did not find the capture (deleted).</summary>
        [JsonIgnore] public bool Missing { get; set; }

        internal string Fingerprint => Missing ? "missing" : State + ":" + (ErrorReason ?? ErrorReasonSlug) + ":" + Sid;
    }

    /// <summary><c>NewCaptureInput</c> (§4.2); the deprecated <c>created</c> is never sent.</summary>
    sealed class NewCaptureInput
    {
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("bytesize")] public long Bytesize { get; set; }
        [JsonPropertyName("input_data_format")] public string InputDataFormat { get; set; }
    }

    /// <summary><c>NewCaptureOutput</c>.</summary>
    sealed class NewCaptureOutput
    {
        [JsonPropertyName("eid")] public string Eid { get; set; }
        [JsonPropertyName("chunk_size")] public long ChunkSize { get; set; }
        [JsonPropertyName("num_parts")] public int NumParts { get; set; }
    }

    /// <summary><c>RecreateCaptureUploadUrls</c> (§4.3): the eid again and the <b>total</b> size.</summary>
    sealed class UploadUrlInput
    {
        [JsonPropertyName("eid")] public string Eid { get; set; }
        [JsonPropertyName("bytesize")] public long Bytesize { get; set; }
    }

    sealed class UploadUrlOutput
    {
        [JsonPropertyName("eid")] public string Eid { get; set; }
        [JsonPropertyName("upload_url")] public string UploadUrl { get; set; }
        [JsonPropertyName("chunk_size")] public long ChunkSize { get; set; }
    }

    /// <summary><c>CaptureUploadedInput</c> (§4.4).</summary>
    sealed class CaptureUploadedInput
    {
        [JsonPropertyName("eid")] public string Eid { get; set; }
        [JsonPropertyName("parts")] public List<UploadedPartDto> Parts { get; set; }
    }

    sealed class UploadedPartDto
    {
        [JsonPropertyName("number")] public int Number { get; set; }
        [JsonPropertyName("etag")] public string ETag { get; set; }
    }

    /// <summary><c>EditCaptureInput</c> (§4.5).</summary>
    sealed class EditCaptureInput
    {
        [JsonPropertyName("name")] public string Name { get; set; }
    }

    /// <summary>
    /// <c>CaptureMetadata</c> (§4.7). <c>models</c> is read as it comes: the schema's array, or the object keyed by
    /// profile that some clients index (the quirk of §4.7).
    /// </summary>
    sealed class CaptureMetadataDto
    {
        [JsonPropertyName("eid")] public string Eid { get; set; }
        [JsonPropertyName("sid")] public string Sid { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("segmented_capture_eid")] public string SegmentedCaptureEid { get; set; }
        [JsonPropertyName("profile_name")] public string ProfileName { get; set; }
        [JsonPropertyName("lod")] public bool? Lod { get; set; }
        [JsonPropertyName("hdr_mode")] public string HdrMode { get; set; }
        [JsonPropertyName("nominal_ev")] public int? NominalEv { get; set; }
        [JsonPropertyName("tmo_parameters")] public List<double> TmoParameters { get; set; }
        [JsonPropertyName("model_urls")] public List<string> ModelUrls { get; set; }
        [JsonPropertyName("cameras")] public List<MatrixDto> Cameras { get; set; }
        [JsonPropertyName("models")] public JsonElement Models { get; set; }
        [JsonPropertyName("video_trajectory")] public VideoTrajectoryDto VideoTrajectory { get; set; }
        [JsonPropertyName("reposition_data")] public RepositionDto RepositionData { get; set; }
    }

    sealed class MatrixDto
    {
        [JsonPropertyName("matrix")] public List<double> Matrix { get; set; }
    }

    sealed class VideoTrajectoryDto
    {
        [JsonPropertyName("fps")] public double? Fps { get; set; }
        [JsonPropertyName("keyframes")] public List<MatrixDto> Keyframes { get; set; }
    }

    sealed class RepositionDto
    {
        [JsonPropertyName("rotation_w")] public double? RotationW { get; set; }
        [JsonPropertyName("rotation_x")] public double? RotationX { get; set; }
        [JsonPropertyName("rotation_y")] public double? RotationY { get; set; }
        [JsonPropertyName("rotation_z")] public double? RotationZ { get; set; }
        [JsonPropertyName("scale")] public double? Scale { get; set; }
    }

    /// <summary><c>SegmentModel</c>: <c>id</c>, <c>resolution_range</c> and <c>parent</c> have no type in the schema.</summary>
    sealed class SegmentModelDto
    {
        [JsonPropertyName("url")] public string Url { get; set; }
        [JsonPropertyName("size")] public long? Size { get; set; }
        [JsonPropertyName("id")] public JsonElement Id { get; set; }
        [JsonPropertyName("aabb")] public AabbDto Aabb { get; set; }
        [JsonPropertyName("resolution_range")] public JsonElement ResolutionRange { get; set; }
        [JsonPropertyName("parent")] public JsonElement Parent { get; set; }
    }

    sealed class AabbDto
    {
        [JsonPropertyName("min")] public List<double> Min { get; set; }
        [JsonPropertyName("max")] public List<double> Max { get; set; }
    }
}
