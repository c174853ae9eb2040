using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using SsmHybridRole.Module;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    /// <summary>
    /// How the module finds its assemblies: which ReadyToRun folder belongs to a runtime, and which assembly
    /// requests the Windows PowerShell 5.1 resolver answers. That resolver cannot run here (no .NET Framework),
    /// so its decision is tested with real assemblies laid out as the built module lays them out, loaded from
    /// there, and the assembly names they really ask for.
    /// </summary>
    public sealed class ModuleLoadingTests : IDisposable
    {
        private readonly string moduleDirectory = Path.Combine(Path.GetTempPath(), "module-loading-" + Guid.NewGuid().ToString("N"));
        private readonly string dependencyDirectory;
        private readonly AssemblyLoadContext moduleContext = new AssemblyLoadContext("module-under-test", isCollectible: true);
        private readonly Assembly cmdlets;
        private readonly Assembly engine;
        private readonly DesktopDependencyResolver resolver;

        public ModuleLoadingTests()
        {
            dependencyDirectory = Directory.CreateDirectory(Path.Combine(moduleDirectory, "Dependencies")).FullName;
            var bin = AppContext.BaseDirectory;
            File.Copy(Path.Combine(bin, "SsmHybridRole.dll"), Path.Combine(moduleDirectory, "SsmHybridRole.dll"));
            foreach (var name in new[] { "SsmHybridRole.Engine", "AWSSDK.Core", "AWSSDK.SecurityToken" })
            {
                File.Copy(Path.Combine(bin, name + ".dll"), Path.Combine(dependencyDirectory, name + ".dll"));
            }

            cmdlets = moduleContext.LoadFromAssemblyPath(Path.Combine(moduleDirectory, "SsmHybridRole.dll"));
            engine = moduleContext.LoadFromAssemblyPath(Path.Combine(dependencyDirectory, "SsmHybridRole.Engine.dll"));
            resolver = new DesktopDependencyResolver(moduleDirectory, dependencyDirectory);
        }

        [Theory]
        [InlineData("10.0.12", "LINUX", Architecture.X64, "net10.0-linux-x64")]
        [InlineData("9.0.20", "WINDOWS", Architecture.X64, "net9.0-win-x64")]
        [InlineData("8.0.31", "OSX", Architecture.Arm64, "net8.0-osx-arm64")]
        [InlineData("11.0.0", "LINUX", Architecture.Arm64, "net11.0-linux-arm64")]
        public void Each_runtime_major_version_and_platform_has_its_own_ReadyToRun_folder(string version, string os, Architecture architecture, string expected)
        {
            Assert.Equal(expected, ReadyToRunImages.FolderName(Version.Parse(version), OSPlatform.Create(os), architecture));
        }

        [Theory]
        [InlineData("4.0.30319", "WINDOWS", Architecture.X64)]
        [InlineData("10.0.12", "FREEBSD", Architecture.X64)]
        [InlineData("10.0.12", "LINUX", Architecture.X86)]
        public void Windows_PowerShell_and_platforms_without_images_have_none(string version, string os, Architecture architecture)
        {
            Assert.Null(ReadyToRunImages.FolderName(Version.Parse(version), OSPlatform.Create(os), architecture));
        }

        [Fact]
        public void The_folder_for_the_running_NET_is_used_when_it_exists_and_the_IL_build_otherwise()
        {
            Assert.Null(ReadyToRunImages.DirectoryFor(dependencyDirectory));

            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX : OSPlatform.Linux;
            var running = ReadyToRunImages.FolderName(Environment.Version, os, RuntimeInformation.ProcessArchitecture)!;
            var previous = ReadyToRunImages.FolderName(new Version(Environment.Version.Major - 1, 0), os, RuntimeInformation.ProcessArchitecture)!;
            Directory.CreateDirectory(Path.Combine(dependencyDirectory, previous));
            Assert.Null(ReadyToRunImages.DirectoryFor(dependencyDirectory));

            var folder = Directory.CreateDirectory(Path.Combine(dependencyDirectory, running)).FullName;
            Assert.Equal(folder, ReadyToRunImages.DirectoryFor(dependencyDirectory));
        }

        [Fact]
        public void Answers_the_engine_asking_for_an_AWS_SDK_assembly_the_module_ships()
        {
            var core = Reference(engine, "AWSSDK.Core");
            var sts = Reference(engine, "AWSSDK.SecurityToken");

            Assert.Equal(Path.Combine(dependencyDirectory, "AWSSDK.Core.dll"), resolver.Choose(core, engine));
            Assert.Equal(Path.Combine(dependencyDirectory, "AWSSDK.SecurityToken.dll"), resolver.Choose(sts, engine));
        }

        [Fact]
        public void Answers_the_cmdlets_asking_for_the_engine()
        {
            Assert.Equal(Path.Combine(dependencyDirectory, "SsmHybridRole.Engine.dll"), resolver.Choose(Reference(cmdlets, "SsmHybridRole.Engine"), cmdlets));
        }

        [Fact]
        public void Leaves_the_same_request_alone_when_another_module_makes_it()
        {
            // AWS.Tools loads an AWSSDK.Core of its own from its own folder: same identity as ours, another place.
            var theirs = typeof(Amazon.Runtime.AWSCredentials).Assembly;
            Assert.NotEqual(dependencyDirectory, Path.GetDirectoryName(theirs.Location));

            Assert.Null(resolver.Choose(Reference(engine, "AWSSDK.Core"), theirs));
            Assert.Null(resolver.Choose(Reference(engine, "AWSSDK.Core"), typeof(Xunit.FactAttribute).Assembly));
        }

        [Fact]
        public void Leaves_requests_with_no_requesting_assembly_or_from_a_dynamic_one_alone()
        {
            var dynamic = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Dynamic" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);

            Assert.Null(resolver.Choose(Reference(engine, "AWSSDK.Core"), null));
            Assert.Null(resolver.Choose(Reference(engine, "AWSSDK.Core"), dynamic));
        }

        [Fact]
        public void Matches_the_full_name_culture_and_public_key_token()
        {
            var core = Reference(engine, "AWSSDK.Core");
            Assert.NotEmpty(core.GetPublicKeyToken()!);

            var otherToken = (AssemblyName)core.Clone();
            otherToken.SetPublicKeyToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            var noToken = (AssemblyName)core.Clone();
            noToken.SetPublicKeyToken(Array.Empty<byte>());
            var otherCulture = (AssemblyName)core.Clone();
            otherCulture.CultureName = "de-DE";
            var noVersion = new AssemblyName("AWSSDK.Core");
            var notShipped = new AssemblyName("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed");

            Assert.Null(resolver.Choose(otherToken, engine));
            Assert.Null(resolver.Choose(noToken, engine));
            Assert.Null(resolver.Choose(otherCulture, engine));
            Assert.Null(resolver.Choose(noVersion, engine));
            Assert.Null(resolver.Choose(notShipped, engine));
        }

        [Fact]
        public void Answers_an_older_version_as_a_binding_redirect_would_but_never_a_newer_one()
        {
            var core = Reference(engine, "AWSSDK.Core");
            var shipped = AssemblyName.GetAssemblyName(Path.Combine(dependencyDirectory, "AWSSDK.Core.dll")).Version!;
            var older = (AssemblyName)core.Clone();
            older.Version = new Version(shipped.Major - 1, 7, 0, 0);
            var newer = (AssemblyName)core.Clone();
            newer.Version = new Version(shipped.Major, shipped.Minor + 1, 0, 0);

            Assert.Equal(Path.Combine(dependencyDirectory, "AWSSDK.Core.dll"), resolver.Choose(older, engine));
            Assert.Null(resolver.Choose(newer, engine));
        }

        [Fact]
        public void Resolve_loads_the_chosen_file_once()
        {
            var request = Reference(engine, "AWSSDK.SecurityToken").FullName;

            var first = resolver.Resolve(null, new ResolveEventArgs(request, engine));
            var second = resolver.Resolve(null, new ResolveEventArgs(request, engine));

            Assert.NotNull(first);
            Assert.Same(first, second);
            Assert.Equal(Path.Combine(dependencyDirectory, "AWSSDK.SecurityToken.dll"), first!.Location);
            Assert.Null(resolver.Resolve(null, new ResolveEventArgs(request, typeof(Xunit.FactAttribute).Assembly)));
        }

        public void Dispose()
        {
            moduleContext.Unload();
            try
            {
                Directory.Delete(moduleDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Files still mapped by the unloading context: the temp folder is cleaned by the system.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }

        /// <summary>The name an assembly really asks for (its reference), as the resolve event receives it.</summary>
        private static AssemblyName Reference(Assembly from, string name)
            => from.GetReferencedAssemblies().Single(r => r.Name == name);
    }
}
