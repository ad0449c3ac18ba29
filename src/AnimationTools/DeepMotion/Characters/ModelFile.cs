using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.DeepMotion.Characters
{
    /// <summary>Checks a local model or thumbnail file before anything is sent.</summary>
    static class ModelFile
    {
        public static string Check(string fullPath, string[] extensions, string parameter)
        {
            if (!File.Exists(fullPath))
            {
                throw new AnimationToolsException("DeepMotion.FileNotFound", ErrorCategory.ObjectNotFound, $"The file '{fullPath}' does not exist.", null, fullPath);
            }
            var extension = Path.GetExtension(fullPath).TrimStart('.').ToLowerInvariant();
            if (!extensions.Contains(extension))
            {
                throw new AnimationToolsException("DeepMotion.InvalidParameter." + parameter, ErrorCategory.InvalidArgument,
                    $"'{Path.GetFileName(fullPath)}' must be one of: {string.Join(", ", extensions)}.", null, fullPath);
            }
            return fullPath;
        }
    }
}
