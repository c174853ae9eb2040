using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace SsmHybridRole.Module
{
    /// <summary>
    /// PowerShell 7: the engine and its AWSSDK assemblies live in this private load context, so another
    /// module's AWSSDK.Core (AWS.Tools, any version) and ours never meet. Framework assemblies the host
    /// already provides are shared, so no type of the BCL is duplicated. An assembly precompiled for this
    /// .NET (<see cref="ReadyToRunImages"/>) is loaded in place of its IL build.
    /// </summary>
    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        private readonly string dependencyDirectory;
        private readonly HashSet<string> platformAssemblies;

        public EngineLoadContext(string dependencyDirectory)
            : base()
        {
            this.dependencyDirectory = dependencyDirectory;
            ReadyToRunDirectory = ReadyToRunImages.DirectoryFor(dependencyDirectory);
            platformAssemblies = ReadPlatformAssemblies();
        }

        /// <summary>The folder of images precompiled for this .NET, or null when the IL build alone is used.</summary>
        public string? ReadyToRunDirectory { get; }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name ?? string.Empty;
            var precompiled = ReadyToRunDirectory is null ? null : Path.Combine(ReadyToRunDirectory, name + ".dll");
            var path = precompiled != null && File.Exists(precompiled) ? precompiled : Path.Combine(dependencyDirectory, name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            var isolated = name.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("SsmHybridRole.", StringComparison.OrdinalIgnoreCase);
            return isolated || !platformAssemblies.Contains(name) ? LoadFromAssemblyPath(path) : null;
        }

        private static HashSet<string> ReadPlatformAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var file in list.Split(Path.PathSeparator))
                {
                    names.Add(Path.GetFileNameWithoutExtension(file));
                }
            }

            return names;
        }
    }
}
