using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Transfer;

namespace AnimationTools.Teleport.Captures
{
    /// <summary>
    /// What New-TeleportCapture uploads, from the path it was given: an .mp4 as <c>video</c>, a .zip of images as
    /// <c>bulk-images</c>, or a folder of images streamed as a <c>bulk-images</c> zip (<see cref="StoredZipArchive"/>,
    /// never written to disk). Checked before anything is sent.
    /// </summary>
    sealed class CaptureSource
    {
        public const string Video = "video";
        public const string BulkImages = "bulk-images";

        /// <summary>Photos a folder contributes (the service ignores other files of an archive; we leave them out).</summary>
        static readonly string[] ImageExtensions = { ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".heic", ".heif" };

        CaptureSource(IUploadSource upload, string inputFormat, string defaultName)
        {
            Upload = upload;
            InputFormat = inputFormat;
            DefaultName = defaultName;
        }

        public IUploadSource Upload { get; }

        /// <summary>video or bulk-images.</summary>
        public string InputFormat { get; }

        /// <summary>The file's name (the docs name captures after the file), or the folder's.</summary>
        public string DefaultName { get; }

        /// <summary>The folder's archive, when the source is a folder.</summary>
        public StoredZipArchive Archive => Upload as StoredZipArchive;

        public static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

        /// <param name="path">A full file-system path.</param>
        /// <param name="inputFormat">video, bulk-images, or null to tell from the path.</param>
        public static CaptureSource Resolve(string path, string inputFormat)
        {
            if (Directory.Exists(path))
            {
                if (inputFormat == Video)
                {
                    throw Invalid("InputFormat", $"'{path}' is a folder: only photos (bulk-images) come as a folder; give an .mp4 file for video.");
                }
                var archive = StoredZipArchive.FromFolder(path, IsImage);
                if (archive.Count == 0)
                {
                    throw new AnimationToolsException("Teleport.NoImages", ErrorCategory.InvalidData,
                        $"The folder '{path}' holds no images ({string.Join(", ", ImageExtensions)}), in it or in its sub-folders.", null, path);
                }
                var name = new DirectoryInfo(path).Name;
                return new CaptureSource(archive, BulkImages, name);
            }
            if (!File.Exists(path))
            {
                throw new AnimationToolsException("Teleport.FileNotFound", ErrorCategory.ObjectNotFound, $"'{path}' does not exist.", null, path);
            }
            var file = new FileInfo(path);
            if (file.Length == 0)
            {
                throw Invalid("Path", $"'{file.Name}' is empty.");
            }
            var extension = file.Extension.ToLowerInvariant();
            var format = inputFormat ?? (extension == ".mp4" ? Video : extension == ".zip" ? BulkImages : null);
            if (format == null)
            {
                throw new AnimationToolsException("Teleport.UnsupportedFileType", ErrorCategory.InvalidArgument,
                    $"Cannot tell what '{file.Name}' is: give an .mp4 video, a .zip of images or a folder of images, or say it with -InputFormat.", null, path);
            }
            var magic = new byte[8];
            int read;
            using (var stream = file.OpenRead())
            {
                read = stream.Read(magic, 0, magic.Length);
            }
            if (format == BulkImages && !(read >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4))
            {
                throw new AnimationToolsException("Teleport.UnsupportedFileType", ErrorCategory.InvalidData,
                    $"'{file.Name}' is not a zip archive: bulk-images input is a .zip of images (or give the folder of images).", null, path);
            }
            if (format == Video && !(read >= 8 && magic[4] == 'f' && magic[5] == 't' && magic[6] == 'y' && magic[7] == 'p'))
            {
                throw new AnimationToolsException("Teleport.UnsupportedFileType", ErrorCategory.InvalidData,
                    $"'{file.Name}' is not an MP4 video (no ftyp box at its start).", null, path);
            }
            return new CaptureSource(new FileUploadSource(file.FullName), format, file.Name);
        }

        static AnimationToolsException Invalid(string parameter, string message) =>
            new AnimationToolsException("Teleport.InvalidParameter." + parameter, ErrorCategory.InvalidArgument, message, null, parameter);
    }
}
