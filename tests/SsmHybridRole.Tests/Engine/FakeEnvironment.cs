using System;
using System.Collections.Generic;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Connections;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>
    /// The environment the connection factory reads, replaced by a dictionary for one test and restored after,
    /// so tests set AWS_* variables without touching the process.
    /// </summary>
    public sealed class FakeEnvironment : IDisposable
    {
        private readonly Func<string, string?> real = EnvironmentVariables.Read;
        private readonly Dictionary<string, string> variables = new Dictionary<string, string>();

        /// <summary>Starts empty but for AWS_EC2_METADATA_DISABLED: a test reaches instance metadata only through a stand-in it names.</summary>
        public FakeEnvironment()
        {
            variables["AWS_EC2_METADATA_DISABLED"] = "true";
            EnvironmentVariables.Read = name => variables.TryGetValue(name, out var value) ? value : null;
        }

        public string this[string name]
        {
            set => variables[name] = value;
        }

        public void Remove(string name) => variables.Remove(name);

        public void Dispose() => EnvironmentVariables.Read = real;
    }
}
