using System.IO;
using System.Runtime.InteropServices;

namespace SsmHybridRole.Module
{
    /// <summary>
    /// Where the precompiled (ReadyToRun) images of the engine and its AWS SDK assemblies are for the running
    /// .NET. ReadyToRun code is used only by the .NET major version and the OS and processor it was compiled
    /// for (PowerShell 7.4 runs on .NET 8, 7.5 on .NET 9, 7.6 on .NET 10), so build.ps1 puts one folder per
    /// combination in Dependencies/, named like net10.0-linux-x64. When there is none for this process (another
    /// .NET, another platform, Windows PowerShell), the IL build in Dependencies/ itself is loaded and compiled
    /// as it runs, which works everywhere.
    /// </summary>
    internal static class ReadyToRunImages
    {
        /// <summary>The folder name for a runtime version, OS and processor, or null where none is ever built.</summary>
        public static string? FolderName(Version runtimeVersion, OSPlatform os, Architecture architecture)
        {
            if (runtimeVersion is null || runtimeVersion.Major < 5)
            {
                return null;
            }

            var osName = os == OSPlatform.Windows ? "win" : os == OSPlatform.Linux ? "linux" : os == OSPlatform.OSX ? "osx" : null;
            var architectureName = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            return osName is null || architectureName is null ? null : $"net{runtimeVersion.Major}.0-{osName}-{architectureName}";
        }

        /// <summary>The folder of images for this process inside <paramref name="dependencyDirectory"/>, or null when it has none.</summary>
        public static string? DirectoryFor(string dependencyDirectory)
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? OSPlatform.Linux
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
                : OSPlatform.Create("OTHER");
            var name = FolderName(Environment.Version, os, RuntimeInformation.ProcessArchitecture);
            var directory = name is null ? null : Path.Combine(dependencyDirectory, name);
            return directory != null && Directory.Exists(directory) ? directory : null;
        }
    }
}
