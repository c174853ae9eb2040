using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace SsmHybridRole.Module
{
    /// <summary>
    /// PowerShell 7: the engine and its AWSSDK assemblies live in this private load context, so another
    /// module's AWSSDK.Core (AWS.Tools, any version) and ours never meet. Framework assemblies the host
    /// already provides are shared, so no type of the BCL is duplicated.
    /// </summary>
    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        private readonly string dependencyDirectory;
        private readonly HashSet<string> platformAssemblies;

        public EngineLoadContext(string dependencyDirectory)
            : base()
        {
            this.dependencyDirectory = dependencyDirectory;
            platformAssemblies = ReadPlatformAssemblies();
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name ?? string.Empty;
            var path = Path.Combine(dependencyDirectory, name + ".dll");
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
