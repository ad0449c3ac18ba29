using System;
using System.Collections;
using System.IO;

namespace AnimationTools.AvatarSdk
{
    /// <summary>An avatar computation: its status and, once Completed, where its data is.</summary>
    public sealed class Avatar
    {
        /// <summary>The service's id of the avatar (a UUID).</summary>
        public string Code { get; set; }

        public string Name { get; set; }

        public string Description { get; set; }

        /// <summary>Uploading, Queued, Computing, Completed, Failed or Timed Out (other values are passed through).</summary>
        public string Status { get; set; }

        /// <summary>0-100.</summary>
        public int Progress { get; set; }

        public string Pipeline { get; set; }

        public DateTime? Created { get; set; }

        /// <summary>Time of the last change; null until the first one.</summary>
        public DateTime? Changed { get; set; }

        /// <summary>status_verbose.code of a failed computation.</summary>
        public int? FailureCode { get; set; }

        /// <summary>status_verbose.message of a failed computation.</summary>
        public string FailureMessage { get; set; }

        /// <summary>True when the avatar's data comes as exports (it was created with export parameters).</summary>
        public bool UsesExports { get; set; }

        public string Url { get; set; }
        public string MeshUrl { get; set; }
        public string TextureUrl { get; set; }
        public string ThumbnailUrl { get; set; }
        public string HaircutsUrl { get; set; }
        public string BlendshapesUrl { get; set; }
        public string ModelInfoUrl { get; set; }
        public string ExportsUrl { get; set; }

        public override string ToString() => Code;
    }

    /// <summary>An export of an avatar: its files and their static files.</summary>
    public sealed class AvatarExport
    {
        /// <summary>Code of the avatar exported.</summary>
        public string AvatarCode { get; set; }

        /// <summary>Code of the export.</summary>
        public string Code { get; set; }

        /// <summary>Queued, Computing, Completed or Failed.</summary>
        public string Status { get; set; }

        public string Comment { get; set; }

        public DateTime? Created { get; set; }

        public AvatarExportFile[] Files { get; set; } = new AvatarExportFile[0];

        /// <summary>With make_public: a URL that serves avatar.zip without authentication.</summary>
        public string PublicFile { get; set; }

        public string Url { get; set; }

        public override string ToString() => Code;
    }

    /// <summary>One file of an export (a zip) and the static files that go with it.</summary>
    public sealed class AvatarExportFile
    {
        public string Identity { get; set; }

        /// <summary>Null for the avatar itself; haircuts, outfits, blendshapes ...</summary>
        public string Category { get; set; }

        public string Url { get; set; }

        public string[] StaticFiles { get; set; } = new string[0];

        public override string ToString() => Category == null ? Identity : Category + "/" + Identity;
    }

    /// <summary>A selfie upload page: a person opens it (or its QR code) on a phone and uploads one photo.</summary>
    public sealed class AvatarSelfie
    {
        /// <summary>The code to pass to New-Avatar -Selfie.</summary>
        public string Code { get; set; }

        public string UploadPageUrl { get; set; }

        public string QrCodeUrl { get; set; }

        /// <summary>Where the QR code image was saved, when -QrCodePath was given.</summary>
        public FileInfo QrCodeFile { get; set; }

        public DateTime? Expires { get; set; }

        public bool UploadPageVisited { get; set; }

        /// <summary>Whether the photo has been uploaded.</summary>
        public bool HasPhoto { get; set; }

        public string FileUrl { get; set; }

        public string Url { get; set; }

        public override string ToString() => Code;
    }

    /// <summary>Avatars created in a period, and for the current billing period what the plan covers.</summary>
    public sealed class AvatarUsage
    {
        public int Created { get; set; }

        /// <summary>Free avatars left in the plan (current period only).</summary>
        public int? Prepaid { get; set; }

        /// <summary>Avatars to be paid (current period only).</summary>
        public int? ToPay { get; set; }

        public DateTime? Since { get; set; }

        public DateTime? Until { get; set; }

        public override string ToString() => Prepaid.HasValue || ToPay.HasValue
            ? $"{Created} created, {Prepaid} prepaid left, {ToPay} to pay"
            : $"{Created} created";
    }

    /// <summary>A colour of the model info or of the parameters: 0-255 per channel.</summary>
    public sealed class AvatarColor
    {
        public int Red { get; set; }
        public int Green { get; set; }
        public int Blue { get; set; }

        public override string ToString() => $"#{Red:X2}{Green:X2}{Blue:X2}";
    }

    /// <summary>What the service inferred from the photo, for the model-info flags requested at creation.</summary>
    public sealed class AvatarModelInfo
    {
        public string AvatarCode { get; set; }
        public string Pipeline { get; set; }
        public string PipelineSubtype { get; set; }
        public string Age { get; set; }
        public double? AgeConfidence { get; set; }
        public string Gender { get; set; }
        public double? GenderConfidence { get; set; }
        public string Race { get; set; }
        public double? RaceConfidence { get; set; }

        /// <summary>Confidence of each race (asian, black, white).</summary>
        public Hashtable Races { get; set; }

        public AvatarColor HairColor { get; set; }
        public AvatarColor SkinColor { get; set; }
        public AvatarColor EyeIrisColor { get; set; }
        public AvatarColor EyeScleraColor { get; set; }
        public AvatarColor LipsColor { get; set; }

        /// <summary>The predicted haircut (may be absolutely_bald).</summary>
        public string HaircutName { get; set; }

        /// <summary>head_2.0: weight of every predicted haircut.</summary>
        public Hashtable HaircutWeights { get; set; }

        /// <summary>68 landmarks as x, y, z triples (204 numbers); NaN where a landmark was not detected.</summary>
        public double[] FacialLandmarks { get; set; }

        public double[] BodyShapeCoefficients { get; set; }

        /// <summary>Every key of the answer, including ones this module does not name.</summary>
        public Hashtable Properties { get; set; }
    }

    /// <summary>One computation parameter name available (or applied by default) for a pipeline and subtype.</summary>
    public sealed class AvatarParameter
    {
        public string Pipeline { get; set; }
        public string PipelineSubtype { get; set; }

        /// <summary>haircuts, blendshapes, model_info, avatar_modifications ...</summary>
        public string Category { get; set; }

        /// <summary>Availability group (base, plus, facegen ...); null where the service omits the level (body_0.3).</summary>
        public string Group { get; set; }

        public string Name { get; set; }

        /// <summary>Available or Default.</summary>
        public string Kind { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>One enumerable export parameter value (or, for metaperson_2.0, a texture) of a category.</summary>
    public sealed class AvatarExportParameter
    {
        public string Pipeline { get; set; }
        public string PipelineSubtype { get; set; }
        public string Category { get; set; }

        /// <summary>List (a value for the category's list) or Texture (a texture name for its textures list).</summary>
        public string Kind { get; set; }

        public string Value { get; set; }

        public override string ToString() => Value;
    }

    /// <summary>One static resource (a texture shared by every avatar) of a pipeline.</summary>
    public sealed class AvatarStaticResource
    {
        public string Pipeline { get; set; }
        public string PipelineSubtype { get; set; }
        public string Category { get; set; }
        public string Asset { get; set; }
        public string Lod { get; set; }
        public string TextureProfile { get; set; }
        public string Variant { get; set; }
        public string Texture { get; set; }
        public string Url { get; set; }

        public override string ToString() => Url;
    }
}
