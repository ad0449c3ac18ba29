using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AnimationTools.AvatarSdk
{
    /// <summary>Turns wire DTOs into the objects the cmdlets write.</summary>
    static class AvatarSdkModels
    {
        public static Avatar ToAvatar(AvatarDto dto) => new Avatar
        {
            Code = dto.Code,
            Name = dto.Name,
            Description = dto.Description,
            Status = dto.Status,
            Progress = dto.Progress ?? 0,
            Pipeline = dto.Pipeline,
            Created = dto.CreatedOn?.LocalDateTime,
            Changed = dto.ChangedOn?.LocalDateTime,
            FailureCode = dto.StatusVerbose?.Code,
            FailureMessage = dto.StatusVerbose?.Message,
            UsesExports = dto.Status == "Completed" && dto.Mesh == null && dto.Texture == null,
            Url = dto.Url,
            MeshUrl = dto.Mesh,
            TextureUrl = dto.Texture,
            ThumbnailUrl = dto.Thumbnail,
            HaircutsUrl = dto.Haircuts,
            BlendshapesUrl = dto.Blendshapes,
            ModelInfoUrl = dto.ModelInfo,
            ExportsUrl = dto.Exports,
        };

        public static AvatarExport ToExport(ExportDto dto) => new AvatarExport
        {
            AvatarCode = dto.AvatarCode,
            Code = dto.Code,
            Status = dto.Status,
            Comment = dto.Comment,
            Created = dto.CreatedOn?.LocalDateTime,
            PublicFile = dto.PublicFile,
            Url = dto.Url,
            Files = (dto.Files ?? new List<ExportFileDto>()).Select(f => new AvatarExportFile
            {
                Identity = f.Identity,
                Category = f.Category,
                Url = f.File,
                StaticFiles = (f.StaticFiles ?? new List<string>()).ToArray(),
            }).ToArray(),
        };

        public static AvatarSelfie ToSelfie(SelfieDto dto, bool hasPhoto) => new AvatarSelfie
        {
            Code = dto.Code,
            UploadPageUrl = dto.UploadPageUrl,
            QrCodeUrl = dto.UploadPageQr,
            FileUrl = dto.FileUrl,
            Expires = dto.Expires?.LocalDateTime,
            UploadPageVisited = dto.UploadPageVisited,
            HasPhoto = hasPhoto,
            Url = dto.Url,
        };

        public static AvatarModelInfo ToModelInfo(string avatarCode, JsonElement json)
        {
            var info = new AvatarModelInfo { AvatarCode = avatarCode, Properties = (Hashtable)ToPowerShell(json) ?? new Hashtable() };
            if (json.ValueKind != JsonValueKind.Object)
            {
                return info;
            }
            string Text(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            double? Number(string name) => json.TryGetProperty(name, out var v) ? ToDouble(v) : null;
            AvatarColor Colour(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
                ? new AvatarColor { Red = Channel(v, "red"), Green = Channel(v, "green"), Blue = Channel(v, "blue") }
                : null;
            double[] Numbers(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => ToDouble(e) ?? double.NaN).ToArray()
                : null;

            info.Pipeline = Text("pipeline");
            info.PipelineSubtype = Text("pipeline_subtype");
            info.Age = Text("age");
            info.AgeConfidence = Number("age_confidence");
            info.Gender = Text("gender");
            info.GenderConfidence = Number("gender_confidence");
            info.Race = Text("race");
            info.RaceConfidence = Number("race_confidence");
            info.Races = json.TryGetProperty("races", out var races) ? ToPowerShell(races) as Hashtable : null;
            info.HairColor = Colour("hair_color");
            info.SkinColor = Colour("skin_color");
            info.EyeIrisColor = Colour("eye_iris_color");
            info.EyeScleraColor = Colour("eye_sclera_color");
            info.LipsColor = Colour("lips_color");
            info.HaircutName = Text("haircut_name");
            info.HaircutWeights = json.TryGetProperty("haircut_full_info", out var weights) ? ToPowerShell(weights) as Hashtable : null;
            info.FacialLandmarks = Numbers("facial_landmarks_68");
            info.BodyShapeCoefficients = Numbers("body_shape_coeffs_10");
            return info;
        }

        static int Channel(JsonElement colour, string name) =>
            colour.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (int)v.GetDouble() : 0;

        /// <summary>Numbers, and the strings NaN/Infinity that stand for bare tokens the service wrote.</summary>
        static double? ToDouble(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                switch (value.GetString())
                {
                    case "NaN": return double.NaN;
                    case "Infinity": return double.PositiveInfinity;
                    case "-Infinity": return double.NegativeInfinity;
                }
            }
            return null;
        }

        /// <summary>JSON as PowerShell likes it: hashtables (ordered as sent), object arrays, numbers, strings, booleans.</summary>
        public static object ToPowerShell(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in value.EnumerateObject())
                    {
                        table[property.Name] = ToPowerShell(property.Value);
                    }
                    return table;
                case JsonValueKind.Array:
                    return value.EnumerateArray().Select(ToPowerShell).ToArray();
                case JsonValueKind.String:
                    return ToDouble(value) is double special && double.IsNaN(special) || value.GetString() == "Infinity" || value.GetString() == "-Infinity"
                        ? (object)ToDouble(value).Value
                        : value.GetString();
                case JsonValueKind.Number:
                    return value.TryGetInt64(out var whole) ? (object)whole : value.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
