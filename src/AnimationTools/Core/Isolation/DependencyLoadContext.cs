using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AnimationTools.Core.Isolation
{
    /// <summary>
    /// The module's own load context, holding the libraries only our code uses (Flurl, Flurl.Http, Polly.Core and AnimationTools.Resilience,
    /// our Polly use) from
    /// bin/Dependencies/, so a session that already loaded other versions of them keeps its own. Everything else,
    /// AnimationTools.dll and the types that travel the pipeline included, stays in the default context: a type
    /// shared by both sides (System.Text.Json, Microsoft.Bcl.*, PowerShell) must have one identity.
    /// </summary>
    sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>Keep in step with the PrivateDependency items of AnimationTools.csproj.</summary>
        static readonly string[] PrivateAssemblies = { "Flurl", "Flurl.Http", "Polly.Core", "AnimationTools.Resilience" };

        readonly string _folder;

        public DependencyLoadContext(string folder)
            : base("AnimationTools")
        {
            _folder = folder;
        }

        public static bool IsPrivate(AssemblyName name) =>
            Array.IndexOf(PrivateAssemblies, name.Name) >= 0;

        /// <summary>Our copy of a private assembly, or null (never a fallback to the default context, which asked).</summary>
        public Assembly LoadPrivate(AssemblyName name) => Load(name);

        /// <summary>Our copy of a private assembly; null sends every other name to the default context.</summary>
        protected override Assembly Load(AssemblyName name)
        {
            if (!IsPrivate(name))
            {
                return null;
            }
            var path = Path.Combine(_folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
