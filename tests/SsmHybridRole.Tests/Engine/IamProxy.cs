using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>tests/tools/iam_proxy.py in front of moto: records what was sent and injects faults.</summary>
    public sealed class IamProxy : IDisposable
    {
        private static readonly HttpClient Http = new HttpClient();
        private readonly Process process;

        public IamProxy(string upstream) => (process, Url) = StartTool("iam_proxy.py", "--upstream " + upstream);

        /// <summary>Starts one of tests/tools' loopback servers and returns it with its URL (it writes its port to a file).</summary>
        internal static (Process Process, string Url) StartTool(string script, string arguments)
        {
            var path = Path.Combine(RepositoryRoot(), "tests", "tools", script);
            var portFile = Path.Combine(Path.GetTempPath(), "tool-port-" + Guid.NewGuid().ToString("N"));
            var process = Process.Start(new ProcessStartInfo("python3", $"\"{path}\" {arguments} --port-file \"{portFile}\"") { UseShellExecute = false })
                ?? throw new InvalidOperationException("python3 did not start.");
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(script + " did not start.");
                }

                Thread.Sleep(50);
            }

            var url = "http://127.0.0.1:" + File.ReadAllText(portFile).Trim();
            File.Delete(portFile);
            return (process, url);
        }

        public string Url { get; }

        public void AddFault(string action, string fault, int times, double seconds = 0)
        {
            var body = JsonSerializer.Serialize(new { rules = new[] { new { action, fault, times, seconds } } });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            Http.PostAsync(new Uri(Url + "/__proxy/faults"), content).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }

        /// <summary>The actions sent so far, in order.</summary>
        public string[] Actions() => Log().Select(e => e.GetProperty("action").GetString() ?? string.Empty).ToArray();

        /// <summary>Every request the proxy saw, as its JSON record.</summary>
        public JsonElement[] Log()
        {
            using var log = JsonDocument.Parse(Http.GetStringAsync(new Uri(Url + "/__proxy/log")).GetAwaiter().GetResult());
            return log.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "build.ps1")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root (with build.ps1) was not found above " + AppContext.BaseDirectory);
        }
    }
}
