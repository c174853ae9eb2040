using System;
using System.Diagnostics;
using System.IO;
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

        public IamProxy(string upstream)
        {
            var script = Path.Combine(RepositoryRoot(), "tests", "tools", "iam_proxy.py");
            var portFile = Path.Combine(Path.GetTempPath(), "iam-proxy-" + Guid.NewGuid().ToString("N"));
            process = Process.Start(new ProcessStartInfo("python3", $"\"{script}\" --upstream {upstream} --port-file \"{portFile}\"") { UseShellExecute = false })
                ?? throw new InvalidOperationException("python3 did not start.");
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The IAM proxy did not start.");
                }

                Thread.Sleep(50);
            }

            Url = "http://127.0.0.1:" + File.ReadAllText(portFile).Trim();
            File.Delete(portFile);
        }

        public string Url { get; }

        public void AddFault(string action, string fault, int times, double seconds = 0)
        {
            var body = JsonSerializer.Serialize(new { rules = new[] { new { action, fault, times, seconds } } });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            Http.PostAsync(new Uri(Url + "/__proxy/faults"), content).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }

        /// <summary>The actions sent so far, in order.</summary>
        public string[] Actions()
        {
            using var log = JsonDocument.Parse(Http.GetStringAsync(new Uri(Url + "/__proxy/log")).GetAwaiter().GetResult());
            var actions = new System.Collections.Generic.List<string>();
            foreach (var entry in log.RootElement.EnumerateArray())
            {
                actions.Add(entry.GetProperty("action").GetString() ?? string.Empty);
            }

            return actions.ToArray();
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
