using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Transfer;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>
    /// Downloads the per-avatar files of an avatar made without export parameters: mesh (with LOD), point cloud,
    /// textures, thumbnail, blendshapes (format and LOD; an avatar without blendshapes has none) and haircuts.
    /// </summary>
    [Cmdlet(VerbsData.Save, "AvatarAsset", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Save-AvatarAsset.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveAvatarAsset : AnimationCmdlet
    {
        static readonly string[] AllAssets = { "Mesh", "PointCloud", "Texture", "Thumbnail", "Blendshapes", "Haircuts" };

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Code")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AvatarCodeCompleter))]
        public string AvatarCode { get; set; }

        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = ".";

        /// <summary>What to save (all but PointCloud by default).</summary>
        [Parameter]
        [ValidateSet("Mesh", "PointCloud", "Texture", "Thumbnail", "Blendshapes", "Haircuts", IgnoreCase = true)]
        public string[] Asset { get; set; } = { "Mesh", "Texture", "Thumbnail", "Blendshapes", "Haircuts" };

        /// <summary>Level of detail of the mesh and blendshapes: 0 is the most detailed (animated_face, head_1.2, head_2.0 mobile subtypes).</summary>
        [Parameter]
        [ValidateRange(0, 8)]
        public int Lod { get; set; }

        [Parameter]
        [ValidateSet("ply", "fbx", "bin", IgnoreCase = true)]
        public string BlendshapeFormat { get; set; } = "ply";

        /// <summary>Only these haircuts (all of the avatar's by default).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Haircut { get; set; }

        /// <summary>Which files of each haircut.</summary>
        [Parameter]
        [ValidateSet("Mesh", "PointCloud", "Texture", "Preview", IgnoreCase = true)]
        public string[] HaircutPart { get; set; } = { "Mesh", "Texture", "Preview" };

        /// <summary>Largest thumbnail width and height, in pixels.</summary>
        [Parameter]
        [ValidateRange(1, 4096)]
        public int ThumbnailSize { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            var destination = GetUnresolvedProviderPathFromPSPath(Destination);
            var wanted = new HashSet<string>(Asset, StringComparer.OrdinalIgnoreCase);
            var avatar = Run(token => session.Client.GetAvatarAsync(AvatarCode, token));
            if (avatar.Status != "Completed")
            {
                throw new AnimationToolsException("AvatarSdk.AvatarNotReady", ErrorCategory.ResourceUnavailable,
                    $"Avatar {AvatarCode} is {avatar.Status}; its files exist once it is Completed.", null, AvatarCode);
            }
            if (avatar.Mesh == null && avatar.Texture == null && wanted.Any(a => !a.Equals("Thumbnail", StringComparison.OrdinalIgnoreCase)))
            {
                throw new AnimationToolsException("AvatarSdk.AvatarUsesExports", ErrorCategory.InvalidOperation,
                    $"Avatar {AvatarCode} was created with export parameters: its mesh, textures, haircuts and blendshapes come as exports.", null, AvatarCode)
                {
                    RecommendedAction = $"Use Get-AvatarExport {AvatarCode} | Save-AvatarExport.",
                };
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Lod)) && Lod > 0 && !SupportsLod(avatar.Pipeline))
            {
                throw AvatarPipelines.Invalid(nameof(Lod), $"The {avatar.Pipeline} pipeline has no levels of detail; LODs exist for animated_face, head_1.2 and head_2.0.");
            }

            var code = avatar.Code;
            int? lod = MyInvocation.BoundParameters.ContainsKey(nameof(Lod)) ? Lod : (int?)null;
            if (wanted.Contains("Mesh"))
            {
                WriteObject(Run(token => session.Client.DownloadMeshAsync(avatar, lod, Path.Combine(destination, $"{code}-mesh{LodSuffix()}.zip"), token)));
            }
            if (wanted.Contains("PointCloud"))
            {
                WriteObject(Run(token => session.Client.DownloadPointCloudAsync(avatar, Path.Combine(destination, $"{code}-pointcloud.zip"), token)));
            }
            if (wanted.Contains("Texture"))
            {
                foreach (var texture in Run(token => session.Client.ListTexturesAsync(avatar, token)))
                {
                    SaveImage(session, texture.File, $"{code}-texture-{texture.Identity}");
                }
            }
            if (wanted.Contains("Thumbnail"))
            {
                int? size = ThumbnailSize > 0 ? ThumbnailSize : (int?)null;
                SaveImageFile(Run(token => session.Client.DownloadThumbnailAsync(avatar, size, Path.Combine(destination, $"{code}-thumbnail.img"), token)));
            }
            if (wanted.Contains("Blendshapes"))
            {
                var format = BlendshapeFormat.ToLowerInvariant();
                var file = Run(token => session.Client.DownloadBlendshapesAsync(avatar, format, lod,
                    Path.Combine(destination, $"{code}-blendshapes-{format}{LodSuffix()}.zip"), token));
                if (file == null)
                {
                    // 204: the avatar was computed without blendshapes; that is an answer, not an error.
                    var message = $"Avatar {code} has no blendshapes (none were requested when it was created).";
                    if (MyInvocation.BoundParameters.ContainsKey(nameof(Asset)))
                    {
                        WriteWarning(message);
                    }
                    else
                    {
                        WriteVerbose(message);
                    }
                }
                else
                {
                    WriteObject(file);
                }
            }
            if (wanted.Contains("Haircuts"))
            {
                var parts = new HashSet<string>(HaircutPart, StringComparer.OrdinalIgnoreCase);
                foreach (var haircut in Run(token => session.Client.ListHaircutsAsync(avatar, token)))
                {
                    if (Haircut != null && !Haircut.Contains(haircut.Identity, StringComparer.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    var prefix = $"{code}-haircut-{SafeName(haircut.Identity)}";
                    if (parts.Contains("Mesh")) Save(session, haircut.Mesh, prefix + "-mesh.zip");
                    if (parts.Contains("PointCloud")) Save(session, haircut.PointCloud, prefix + "-pointcloud.zip");
                    if (parts.Contains("Texture")) SaveImage(session, haircut.Texture, prefix + "-texture");
                    if (parts.Contains("Preview")) SaveImage(session, haircut.Preview, prefix + "-preview");
                }
            }

            void Save(AvatarSdkSession s, string url, string name) =>
                WriteObject(Run(token => s.Client.DownloadAsync(url, Path.Combine(destination, name), token)));

            void SaveImage(AvatarSdkSession s, string url, string name) =>
                SaveImageFile(Run(token => s.Client.DownloadAsync(url, Path.Combine(destination, name + ".img"), token)));

            // Texture formats vary (JPEG, PNG): the name gets the extension of what arrived.
            void SaveImageFile(FileInfo file)
            {
                var target = Path.ChangeExtension(file.FullName, ImageExtension(file.FullName));
                if (File.Exists(target))
                {
                    File.Delete(target);
                }
                File.Move(file.FullName, target);
                WriteObject(FileSystemItem.Of(target));
            }
        }

        string LodSuffix() => MyInvocation.BoundParameters.ContainsKey(nameof(Lod)) ? "-lod" + Lod.ToString(CultureInfo.InvariantCulture) : "";

        static bool SupportsLod(string pipeline) => pipeline == "animated_face" || pipeline == "head_1.2" || pipeline == "head_2.0";

        static string ImageExtension(string path)
        {
            var header = new byte[8];
            using (var file = File.OpenRead(path))
            {
                file.Read(header, 0, header.Length);
            }
            if (header[0] == 0x89 && header[1] == 0x50 && header[2] == 0x4E && header[3] == 0x47) return ".png";
            if (header[0] == 0xFF && header[1] == 0xD8) return ".jpg";
            return ".bin";
        }

        static string SafeName(string name)
        {
            foreach (var invalid in Path.GetInvalidFileNameChars())
            {
                name = name.Replace(invalid, '_');
            }
            return name;
        }
    }
}
