using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace AnimationTools.Teleport
{
    /// <summary>Turns wire DTOs into the objects the cmdlets write.</summary>
    static class TeleportModels
    {
        public static TeleportCapture ToCapture(CaptureDto dto)
        {
            var previews = new Hashtable();
            foreach (var pair in dto.PreviewUrls ?? new Dictionary<string, string>())
            {
                previews[pair.Key] = pair.Value;
            }
            return new TeleportCapture
            {
                Eid = dto.Eid,
                Sid = dto.Sid,
                Name = dto.Name,
                State = dto.State,
                ErrorReason = dto.ErrorReason ?? dto.ErrorReasonSlug,
                ErrorReasonSlug = dto.ErrorReasonSlug,
                StateDescription = dto.StateDescription,
                Created = Time(dto.Created),
                Uploaded = Time(dto.Uploaded),
                IsPublic = dto.IsPublic ?? false,
                ViewerUrl = dto.ViewerUrl,
                ShareUrl = dto.ShareUrl,
                ShareLink = dto.ShareLink,
                PreviewUrl = dto.PreviewUrl,
                PreviewUrls = previews,
                GifUrl = dto.GifUrl,
                VideoUrl = dto.VideoUrl,
                ShareVideoUrl = dto.ShareVideoUrl,
            };
        }

        public static TeleportCaptureMetadata ToMetadata(CaptureMetadataDto dto, string[] profiles, string quality, bool lod) => new TeleportCaptureMetadata
        {
            Eid = dto.Eid,
            Sid = dto.Sid,
            Name = dto.Name,
            Profile = profiles,
            Quality = quality,
            Lod = dto.Lod ?? lod,
            ProfileName = dto.ProfileName,
            SegmentedCaptureEid = dto.SegmentedCaptureEid,
            HdrMode = dto.HdrMode,
            NominalEv = dto.NominalEv,
            TmoParameters = dto.TmoParameters?.ToArray(),
            Models = ModelsOf(dto.Models, dto.Sid).ToArray(),
            Cameras = (dto.Cameras ?? new List<MatrixDto>()).Select(c => (c.Matrix ?? new List<double>()).ToArray()).ToArray(),
            VideoFps = dto.VideoTrajectory?.Fps,
            Reposition = dto.RepositionData == null ? null : new TeleportReposition
            {
                RotationW = dto.RepositionData.RotationW,
                RotationX = dto.RepositionData.RotationX,
                RotationY = dto.RepositionData.RotationY,
                RotationZ = dto.RepositionData.RotationZ,
                Scale = dto.RepositionData.Scale,
            },
        };

        /// <summary>
        /// <c>models</c> as the schema says (an array of SegmentModel) or as some clients read it (an object keyed by
        /// profile, each value a model or an array of models).
        /// </summary>
        static IEnumerable<TeleportModel> ModelsOf(JsonElement models, string sid)
        {
            switch (models.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var model in models.EnumerateArray())
                    {
                        var read = Model(model, null, sid);
                        if (read != null)
                        {
                            yield return read;
                        }
                    }
                    break;
                case JsonValueKind.Object:
                    foreach (var profile in models.EnumerateObject())
                    {
                        var entries = profile.Value.ValueKind == JsonValueKind.Array ? profile.Value.EnumerateArray().ToList() : new List<JsonElement> { profile.Value };
                        foreach (var model in entries)
                        {
                            var read = Model(model, profile.Name, sid);
                            if (read != null)
                            {
                                yield return read;
                            }
                        }
                    }
                    break;
            }
        }

        static TeleportModel Model(JsonElement element, string profile, string sid)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var dto = JsonSerializer.Deserialize<SegmentModelDto>(element.GetRawText(), Core.Http.Json.Options);
            if (string.IsNullOrEmpty(dto?.Url))
            {
                return null;
            }
            var id = Scalar(dto.Id);
            return new TeleportModel
            {
                Id = id ?? profile,
                Sid = sid,
                Profile = profile ?? id,
                Size = dto.Size,
                Url = dto.Url,
                Parent = Scalar(dto.Parent),
                BoundsMin = dto.Aabb?.Min?.ToArray(),
                BoundsMax = dto.Aabb?.Max?.ToArray(),
                ResolutionRange = dto.ResolutionRange.ValueKind == JsonValueKind.Undefined || dto.ResolutionRange.ValueKind == JsonValueKind.Null ? null : dto.ResolutionRange.GetRawText(),
            };
        }

        static string Scalar(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Number: return value.GetRawText();
                case JsonValueKind.Undefined:
                case JsonValueKind.Null: return null;
                default: return value.GetRawText();
            }
        }

        /// <summary>ISO 8601 as the service writes it: with a zone, or (the documented examples) without one, meaning UTC.</summary>
        public static DateTime? Time(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
                ? time.LocalDateTime
                : (DateTime?)null;
        }
    }
}
