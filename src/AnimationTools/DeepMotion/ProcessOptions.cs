using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.DeepMotion
{
    /// <summary>
    /// The <c>params</c> of POST /process (contract §4.1), checked before anything is sent and written as
    /// <c>name=value</c> strings.
    /// </summary>
    public sealed class ProcessOptions
    {
        public static readonly string[] VideoFormats = { "bvh", "fbx", "mp4", "glb", "dmpe" };
        public static readonly string[] ImageOnlyFormats = { "png", "jpg" };
        public static readonly string[] FootLockingModes = { "auto", "always", "never", "grounding" };
        public static readonly string[] CameraModes = { "Cinematic", "Fixed", "Face" };

        public string[] Formats { get; set; }
        public string Model { get; set; }
        public string Config { get; set; } = "configDefault";
        public bool? Simulation { get; set; }
        public bool? TrackFace { get; set; }
        public bool? TrackHand { get; set; }
        public string FootLockingMode { get; set; }
        public double? VideoSpeedMultiplier { get; set; }
        public double? PoseFilteringStrength { get; set; }
        public bool? RootAtOrigin { get; set; }
        public double[] Trim { get; set; }
        public double[] Crop { get; set; }
        public bool? RenderSideBySide { get; set; }
        public int[] BackgroundColor { get; set; }
        public string Backdrop { get; set; }
        public bool? Shadow { get; set; }
        public bool? IncludeAudio { get; set; }
        public string CameraMode { get; set; }
        public string Camera { get; set; }

        /// <summary>Anything else, sent as given (name=value); it overrides a typed option of the same name.</summary>
        public IDictionary Extra { get; set; }

        public static bool IsImage(string fileName)
        {
            var extension = System.IO.Path.GetExtension(fileName ?? "").ToLowerInvariant();
            return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
        }

        /// <summary>Throws an InvalidArgument error for any combination the service would reject.</summary>
        public void Validate(bool imageInput)
        {
            var formats = Formats ?? new string[0];
            foreach (var format in formats)
            {
                var known = VideoFormats.Contains(format, StringComparer.OrdinalIgnoreCase) || ImageOnlyFormats.Contains(format, StringComparer.OrdinalIgnoreCase);
                if (!known)
                {
                    throw Invalid("Format", $"'{format}' is not an output format DeepMotion offers ({string.Join(", ", VideoFormats.Concat(ImageOnlyFormats))}).");
                }
                if (!imageInput && ImageOnlyFormats.Contains(format, StringComparer.OrdinalIgnoreCase))
                {
                    throw Invalid("Format", $"The format '{format}' renders a static pose and needs an image (png or jpg) as input.");
                }
            }
            if (FootLockingMode != null && !FootLockingModes.Contains(FootLockingMode, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid("FootLockingMode", $"'{FootLockingMode}' is not one of {string.Join(", ", FootLockingModes)}.");
            }
            if (VideoSpeedMultiplier.HasValue && (VideoSpeedMultiplier < 1 || VideoSpeedMultiplier > 8))
            {
                throw Invalid("VideoSpeedMultiplier", "The video speed multiplier must be between 1 and 8.");
            }
            if (PoseFilteringStrength.HasValue && (PoseFilteringStrength < 0 || PoseFilteringStrength > 1))
            {
                throw Invalid("PoseFilteringStrength", "The pose filtering strength must be between 0 and 1.");
            }
            if (Trim != null)
            {
                if (imageInput)
                {
                    throw Invalid("Trim", "Trim applies to video input only.");
                }
                if (Trim.Length != 2 || Trim[0] < 0 || Trim[1] < 0 || Trim[0] >= Trim[1])
                {
                    throw Invalid("Trim", "Trim takes two times in seconds, from and to, with 0 <= from < to.");
                }
            }
            if (Crop != null && (Crop.Length != 4 || Crop.Any(v => v < 0 || v > 1) || Crop[0] >= Crop[2] || Crop[1] >= Crop[3]))
            {
                throw Invalid("Crop", "Crop takes four numbers in [0,1]: left, top, right, bottom, with left < right and top < bottom.");
            }
            if (BackgroundColor != null && ((BackgroundColor.Length != 3 && BackgroundColor.Length != 4) || BackgroundColor.Any(c => c < 0 || c > 255)))
            {
                throw Invalid("BackgroundColor", "The background colour takes three or four channels (R, G, B[, A]), each 0-255.");
            }
            if (Backdrop != null && !string.Equals(Backdrop, "studio", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("Backdrop", "The only backdrop is 'studio'.");
            }
            if (CameraMode != null && !CameraModes.Contains(CameraMode, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid("CameraMode", $"'{CameraMode}' is not one of {string.Join(", ", CameraModes)}.");
            }
            if (Camera != null && Camera != "closeup" && Camera != "fixed")
            {
                throw Invalid("Camera", "The camera is 'closeup' or 'fixed'.");
            }
            if (Extra != null)
            {
                foreach (DictionaryEntry entry in Extra)
                {
                    var name = entry.Key?.ToString();
                    if (string.IsNullOrWhiteSpace(name) || name.Contains("="))
                    {
                        throw Invalid("Parameter", $"'{name}' is not a parameter name.");
                    }
                }
            }
        }

        public List<string> ToParams()
        {
            var values = new List<KeyValuePair<string, string>>();
            void Add(string name, string value)
            {
                if (value != null)
                {
                    values.Add(new KeyValuePair<string, string>(name, value));
                }
            }
            string Flag(bool? value) => value.HasValue ? (value.Value ? "1" : "0") : null;
            string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

            Add("config", Config);
            if (Formats != null && Formats.Length > 0)
            {
                Add("formats", string.Join(",", Formats.Select(f => f.ToLowerInvariant()).Distinct()));
            }
            Add("model", Model);
            Add("sim", Flag(Simulation));
            Add("trackFace", Flag(TrackFace));
            Add("trackHand", Flag(TrackHand));
            Add("footLockingMode", FootLockingMode?.ToLowerInvariant());
            Add("videoSpeedMultiplier", Number(VideoSpeedMultiplier));
            Add("poseFilteringStrength", Number(PoseFilteringStrength));
            Add("rootAtOrigin", Flag(RootAtOrigin));
            if (Trim != null) Add("trim", string.Join(",", Trim.Select(v => Number(v))));
            if (Crop != null) Add("crop", string.Join(",", Crop.Select(v => Number(v))));
            Add("render.sbs", Flag(RenderSideBySide));
            if (BackgroundColor != null)
            {
                var channels = BackgroundColor.Length == 3 ? BackgroundColor.Concat(new[] { 0 }) : BackgroundColor;
                Add("render.bgColor", string.Join(",", channels));
            }
            Add("render.backdrop", Backdrop?.ToLowerInvariant());
            Add("render.shadow", Flag(Shadow));
            Add("render.includeAudio", Flag(IncludeAudio));
            if (CameraMode != null) Add("render.CamMode", Array.FindIndex(CameraModes, m => string.Equals(m, CameraMode, StringComparison.OrdinalIgnoreCase)).ToString(CultureInfo.InvariantCulture));
            Add("render.camera", Camera);

            if (Extra != null)
            {
                foreach (DictionaryEntry entry in Extra)
                {
                    var name = entry.Key.ToString();
                    values.RemoveAll(pair => pair.Key == name);
                    Add(name, Stringify(entry.Value));
                }
            }
            return values.Select(pair => pair.Key + "=" + pair.Value).ToList();
        }

        static string Stringify(object value)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (value)
            {
                case null: return "";
                case bool flag: return flag ? "1" : "0";
                case string text: return text;
                case IEnumerable list: return string.Join(",", list.Cast<object>().Select(Stringify));
                case IFormattable number: return number.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }

        static AnimationToolsException Invalid(string parameter, string message)
        {
            return new AnimationToolsException("DeepMotion.InvalidParameter." + parameter, ErrorCategory.InvalidArgument, message, null, parameter);
        }
    }
}
