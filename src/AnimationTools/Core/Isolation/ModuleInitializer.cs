using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace AnimationTools.Core.Isolation
{
    /// <summary>
    /// Runs when Import-Module loads AnimationTools.dll, before any cmdlet: from then on the default context asks
    /// <see cref="DependencyLoadContext"/> for our private dependencies. The default context raises Resolving when
    /// it cannot find one (bin/Dependencies/ is not probed) and also when the session already loaded another version.
    /// </summary>
    /// <remarks>
    /// Nothing here may name a Flurl or Polly type. Hosts that reference AnimationTools.dll directly (the xUnit tests)
    /// never import it and find the dependencies beside them as usual.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        static readonly object Gate = new object();
        static DependencyLoadContext _context;

        /// <summary>Registers the resolver once per process; a second import of the module reuses it.</summary>
        public void OnImport()
        {
            lock (Gate)
            {
                if (_context != null)
                {
                    return;
                }
                var folder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location), "Dependencies");
                _context = new DependencyLoadContext(folder);
                AssemblyLoadContext.Default.Resolving += ResolvePrivate;
            }
        }

        static Assembly ResolvePrivate(AssemblyLoadContext context, AssemblyName name) =>
            DependencyLoadContext.IsPrivate(name) ? _context.LoadPrivate(name) : null;
    }
}
