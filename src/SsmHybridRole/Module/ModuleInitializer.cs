using System.IO;
using System.Reflection;
#if !NETFRAMEWORK
using System.Runtime.Loader;
#endif

namespace SsmHybridRole.Module
{
    /// <summary>
    /// Routes the one assembly the cmdlets ask for by name, SsmHybridRole.Engine, to Dependencies/: on
    /// PowerShell 7 through a private AssemblyLoadContext, on Windows PowerShell 5.1 through an
    /// AssemblyResolve handler that answers only the module's own requests (<see cref="DesktopDependencyResolver"/>).
    /// Nothing is loaded at import; the engine (and with it AWSSDK) loads when the first cmdlet needs it.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string EngineAssemblyName = "SsmHybridRole.Engine";

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");

        private static DesktopDependencyResolver? desktopResolver;

        private static readonly bool IsCoreClr = typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

#if !NETFRAMEWORK
        private static object? coreResolver;
#endif

        public void OnImport()
        {
            if (!Directory.Exists(DependencyDirectory))
            {
                // Loaded from a build folder (the tests): the engine sits beside us and resolves normally.
                return;
            }

#if !NETFRAMEWORK
            if (IsCoreClr)
            {
                CoreClr.Register();
                return;
            }
#endif
            desktopResolver ??= new DesktopDependencyResolver(ModuleDirectory, DependencyDirectory);
            AppDomain.CurrentDomain.AssemblyResolve += desktopResolver.Resolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
#if !NETFRAMEWORK
            if (IsCoreClr)
            {
                CoreClr.Unregister();
                return;
            }
#endif
            if (desktopResolver != null)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= desktopResolver.Resolve;
            }
        }

#if !NETFRAMEWORK
        /// <summary>Kept apart so that Windows PowerShell never JIT-compiles a reference to AssemblyLoadContext.</summary>
        private static class CoreClr
        {
            public static void Register()
            {
                if (coreResolver != null)
                {
                    return;
                }

                // Made when the engine is first asked for, not at import, like everything the engine needs.
                var context = new Lazy<EngineLoadContext>(() => new EngineLoadContext(DependencyDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
                Func<AssemblyLoadContext, AssemblyName, Assembly?> resolve = (_, name) =>
                    string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? context.Value.LoadFromAssemblyName(name) : null;
                AssemblyLoadContext.Default.Resolving += resolve;
                coreResolver = resolve;
            }

            public static void Unregister()
            {
                if (coreResolver is Func<AssemblyLoadContext, AssemblyName, Assembly?> resolve)
                {
                    AssemblyLoadContext.Default.Resolving -= resolve;
                    coreResolver = null;
                }
            }
        }
#endif
    }
}
