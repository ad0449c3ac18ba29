using System;
using System.Collections;

namespace AnimationTools.Teleport
{
    /// <summary>A Teleport capture: a video or photos on their way to a 3D model, and where to see it once READY.</summary>
    public sealed class TeleportCapture
    {
        /// <summary>The capture's id, for every management call (Rename, Remove ...).</summary>
        public string Eid { get; set; }

        /// <summary>The share id, for metadata and downloads; null until the upload is complete.</summary>
        public string Sid { get; set; }

        public string Name { get; set; }

        /// <summary>CREATED, UPLOADING, PROCESSING, READY or FAILED (other values are passed through).</summary>
        public string State { get; set; }

        /// <summary>Why processing failed (NOT_ENOUGH_FRAMES, CONVERSION_FAILED ...); null otherwise.</summary>
        public string ErrorReason { get; set; }

        /// <summary>The service's sentence about the state.</summary>
        public string StateDescription { get; set; }

        public string ErrorReasonSlug { get; set; }

        public DateTime? Created { get; set; }

        /// <summary>When the upload was completed; null before.</summary>
        public DateTime? Uploaded { get; set; }

        public bool IsPublic { get; set; }

        public string ViewerUrl { get; set; }

        public string ShareUrl { get; set; }

        public string ShareLink { get; set; }

        /// <summary>The largest preview image.</summary>
        public string PreviewUrl { get; set; }

        /// <summary>Preview images by size ("432x576" → URL).</summary>
        public Hashtable PreviewUrls { get; set; } = new Hashtable();

        public string GifUrl { get; set; }

        public string VideoUrl { get; set; }

        public string ShareVideoUrl { get; set; }

        public override string ToString() => Eid;
    }

    /// <summary>What GET /share/{sid}/metadata says about a READY capture: its models (files to download), cameras, placement.</summary>
    public sealed class TeleportCaptureMetadata
    {
        public string Eid { get; set; }

        public string Sid { get; set; }

        public string Name { get; set; }

        /// <summary>The profiles asked for (ply, sogs-sh0 ...).</summary>
        public string[] Profile { get; set; } = new string[0];

        /// <summary>sd or hd, as asked for.</summary>
        public string Quality { get; set; }

        /// <summary>Whether the level-of-detail hierarchy was asked for.</summary>
        public bool Lod { get; set; }

        /// <summary>The service's name of the first profile.</summary>
        public string ProfileName { get; set; }

        public string SegmentedCaptureEid { get; set; }

        public string HdrMode { get; set; }

        public int? NominalEv { get; set; }

        public double[] TmoParameters { get; set; }

        /// <summary>One model per profile (more with a level-of-detail hierarchy): the files to download.</summary>
        public TeleportModel[] Models { get; set; } = new TeleportModel[0];

        /// <summary>Camera poses: each a matrix of numbers as the service gives it.</summary>
        public double[][] Cameras { get; set; } = new double[0][];

        /// <summary>Frames per second of the input video's trajectory; null for photos.</summary>
        public double? VideoFps { get; set; }

        public TeleportReposition Reposition { get; set; }

        public override string ToString() => Sid;
    }

    /// <summary>One model file of a capture.</summary>
    public sealed class TeleportModel
    {
        /// <summary>The model's id (the profile, for the top of a hierarchy); null when the service gives none.</summary>
        public string Id { get; set; }

        /// <summary>The share id of the capture the model belongs to.</summary>
        public string Sid { get; set; }

        /// <summary>The profile key when the service listed models by profile; else the Id.</summary>
        public string Profile { get; set; }

        /// <summary>Size in bytes, as the service states it.</summary>
        public long? Size { get; set; }

        /// <summary>Where to download it (a CDN URL, no token needed).</summary>
        public string Url { get; set; }

        /// <summary>The id of the model this one refines in a level-of-detail hierarchy.</summary>
        public string Parent { get; set; }

        public double[] BoundsMin { get; set; }

        public double[] BoundsMax { get; set; }

        /// <summary>The level-of-detail range as the service gives it (text of its JSON), or null.</summary>
        public string ResolutionRange { get; set; }

        public override string ToString() => Url;
    }

    /// <summary>How to place a capture: a rotation quaternion and a scale.</summary>
    public sealed class TeleportReposition
    {
        public double? RotationW { get; set; }
        public double? RotationX { get; set; }
        public double? RotationY { get; set; }
        public double? RotationZ { get; set; }
        public double? Scale { get; set; }
    }
}
