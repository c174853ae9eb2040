using System;
using System.Runtime.CompilerServices;

namespace SsmHybridRole.Tests
{
    /// <summary>What the whole test process needs before any test runs.</summary>
    internal static class TestProcess
    {
        /// <summary>
        /// Instance metadata is the chain's last link: a test that reaches it must name a loopback stand-in
        /// (AWS_EC2_METADATA_SERVICE_ENDPOINT), never the link-local address of a real instance.
        /// </summary>
        [ModuleInitializer]
        internal static void NoRealInstanceMetadata()
        {
            if (Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED") is null)
            {
                Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            }
        }
    }
}
