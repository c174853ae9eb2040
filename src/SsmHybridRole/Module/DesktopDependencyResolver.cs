using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace SsmHybridRole.Module
{
    /// <summary>
    /// Windows PowerShell 5.1 has no AssemblyLoadContext, only the process-wide AssemblyResolve event, which
    /// every module in the session hears. This decides which of those requests are ours to answer: a request
    /// made by one of the module's own assemblies (the cmdlets at the module root, or a file in Dependencies/),
    /// for an assembly that Dependencies/ holds under the same name, culture and public key token. Anything
    /// else, another module's AWSSDK.Core asking for System.Text.Json included, is left to its owner.
    /// </summary>
    /// <remarks>
    /// The version must be the one shipped or an older one. NuGet unified each dependency to the highest
    /// version any package asked for (AWSSDK.Core asks for System.Text.Json 6.0.0.0, the engine for 8.0.0.0,
    /// and 8.0.0.0 ships), which is what a binding redirect in an application's config would say; a request
    /// for a newer version than the one shipped, or one without a version, is not answered.
    /// </remarks>
    internal sealed class DesktopDependencyResolver
    {
        private readonly string moduleDirectory;
        private readonly string dependencyDirectory;
        private readonly Lazy<Dictionary<string, Shipped>> shipped;
        private readonly ConcurrentDictionary<string, Assembly> loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        public DesktopDependencyResolver(string moduleDirectory, string dependencyDirectory)
        {
            this.moduleDirectory = Normalize(moduleDirectory);
            this.dependencyDirectory = Normalize(dependencyDirectory);
            // Read when the first request comes, not at import: reading every file's name costs time.
            shipped = new Lazy<Dictionary<string, Shipped>>(ReadShipped, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The file in Dependencies/ that answers the request, or null when the module must not answer it.</summary>
        public string? Choose(AssemblyName requested, Assembly? requestingAssembly)
        {
            if (requested?.Name is null || requestingAssembly is null || !IsOurs(requestingAssembly))
            {
                return null;
            }

            return shipped.Value.TryGetValue(requested.Name, out var candidate) && Satisfies(candidate.Name, requested) ? candidate.File : null;
        }

        /// <summary>The AssemblyResolve handler: loads the chosen file once, by path.</summary>
        public Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (args is null)
            {
                return null;
            }

            var path = Choose(new AssemblyName(args.Name), args.RequestingAssembly);
            return path is null ? null : loaded.GetOrAdd(path, Assembly.LoadFile);
        }

        /// <summary>Same name, culture and public key token; the shipped version or an older one.</summary>
        internal static bool Satisfies(AssemblyName shippedName, AssemblyName requested)
        {
            if (shippedName is null || requested is null)
            {
                return false;
            }

            return string.Equals(shippedName.Name, requested.Name, StringComparison.OrdinalIgnoreCase)
                && string.Equals(shippedName.CultureName ?? string.Empty, requested.CultureName ?? string.Empty, StringComparison.OrdinalIgnoreCase)
                && TokensEqual(shippedName.GetPublicKeyToken(), requested.GetPublicKeyToken())
                && requested.Version != null
                && shippedName.Version != null
                && requested.Version <= shippedName.Version;
        }

        private bool IsOurs(Assembly assembly)
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
            {
                return false;
            }

            var directory = Normalize(Path.GetDirectoryName(assembly.Location) ?? string.Empty);
            return string.Equals(directory, moduleDirectory, StringComparison.OrdinalIgnoreCase)
                || string.Equals(directory, dependencyDirectory, StringComparison.OrdinalIgnoreCase);
        }

        private Dictionary<string, Shipped> ReadShipped()
        {
            var names = new Dictionary<string, Shipped>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(dependencyDirectory))
            {
                return names;
            }

            foreach (var path in Directory.GetFiles(dependencyDirectory, "*.dll"))
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(path);
                    names[name.Name ?? Path.GetFileNameWithoutExtension(path)] = new Shipped(name, path);
                }
                catch (BadImageFormatException)
                {
                    // Not a managed assembly: nothing to resolve to.
                }
            }

            return names;
        }

        private static bool TokensEqual(byte[]? a, byte[]? b)
            => (a ?? Array.Empty<byte>()).SequenceEqual(b ?? Array.Empty<byte>());

        private static string Normalize(string directory)
            => Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

        private sealed class Shipped
        {
            public Shipped(AssemblyName name, string file)
            {
                Name = name;
                File = file;
            }

            public AssemblyName Name { get; }

            public string File { get; }
        }
    }
}
