using System;
using System.IO;

namespace AnimationTools.DeepMotion
{
    /// <summary>A video or image uploaded to DeepMotion storage, ready for Start-AnimationJob.</summary>
    public sealed class UploadedVideo
    {
        /// <summary>File name the service knows the upload by.</summary>
        public string Name { get; set; }

        public long Size { get; set; }

        /// <summary>The storage URL that /process and /videoInfo take.</summary>
        public string Url { get; set; }

        /// <summary>Another name of <see cref="Url"/>.</summary>
        [System.Management.Automation.Hidden]
        public string StorageUrl => Url;

        /// <summary>The local file that was uploaded.</summary>
        public string Path { get; set; }

        public DateTime UploadedAt { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>What DeepMotion read from an uploaded video's header.</summary>
    public sealed class VideoInfo
    {
        public string Name { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }
        public double? Fps { get; set; }
        public double? Duration { get; set; }
        public string Codec { get; set; }
        public long? Size { get; set; }
        public string Url { get; set; }
    }

    /// <summary>One downloadable file of a finished animation job.</summary>
    public sealed class AnimationFile
    {
        public string Rid { get; set; }

        /// <summary>Item name the service gives the output (usually the video's name).</summary>
        public string Item { get; set; }

        /// <summary>bvh, fbx, glb, mp4, png, jpg or dmpe.</summary>
        public string Format { get; set; }

        public string Url { get; set; }

        /// <summary>
        /// Where the output was saved, when it was downloaded: the file itself, or for a zip archive (bvh, fbx, glb) the
        /// file extracted from it whose extension is the format.
        /// </summary>
        public string Path { get; set; }

        /// <summary>The files extracted from this output's zip archive (empty when it is no archive or was not downloaded).</summary>
        public FileInfo[] Extracted { get; set; } = new FileInfo[0];

        public override string ToString() => Path ?? (Item + "." + Format);
    }

    /// <summary>The result of a successful animation job: its outputs and, when downloaded, the local files.</summary>
    public sealed class AnimationResult
    {
        /// <summary>DeepMotion request id of the job.</summary>
        public string Rid { get; set; }

        /// <summary>Name of the input video.</summary>
        public string Name { get; set; }

        public long? Size { get; set; }

        public double? Duration { get; set; }

        public AnimationFile[] Files { get; set; } = new AnimationFile[0];

        /// <summary>
        /// The local files saved (empty when nothing was downloaded): the files extracted from the zip archives, the
        /// other downloads as they are, and the archives themselves only when kept with -KeepArchive.
        /// </summary>
        public FileInfo[] Downloaded { get; set; } = new FileInfo[0];

        public override string ToString() => Rid;
    }

    /// <summary>The account's credit balance.</summary>
    public sealed class DeepMotionCredit
    {
        public double Credits { get; set; }

        public string Endpoint { get; set; }

        public override string ToString() => Credits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
