namespace SsmHybridRole.Bench
{
    /// <summary>pwsh's own entry point, from Microsoft.PowerShell.ConsoleHost: same command line, same startup.</summary>
    internal static class Program
    {
        private static int Main(string[] args) => Microsoft.PowerShell.UnmanagedPSEntry.Start(args, args.Length);
    }
}
