using System;
using System.Threading;
using Amazon.Runtime;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Connections;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>
    /// The local IAM endpoint (moto_server) that build.ps1 starts; its URL comes in SSMHYBRIDROLE_TEST_ENDPOINT.
    /// Without it these tests fail loudly: they are never silently skipped.
    /// </summary>
    public sealed class MotoFixture : IDisposable
    {
        private static int counter;

        public MotoFixture()
        {
            Endpoint = Environment.GetEnvironmentVariable("SSMHYBRIDROLE_TEST_ENDPOINT")
                ?? throw new InvalidOperationException("SSMHYBRIDROLE_TEST_ENDPOINT is not set: run the tests through 'dotnet pwsh ./build.ps1 Test', which starts moto.");
            Connection = ConnectionCache.Get(Options());
        }

        public string Endpoint { get; }

        internal AwsConnection Connection { get; }

        /// <summary>The module's own IAM client of the fixture's connection, without the gateway: for setting the scene.</summary>
        internal IdentityManagementServiceClient Iam => (IdentityManagementServiceClient)Connection.Iam;

        internal ConnectionOptions Options(string region = "us-east-2") => new ConnectionOptions
        {
            Region = region,
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            EndpointUrl = Endpoint,
        };

        public IdentityManagementServiceClient NewClient()
            => new IdentityManagementServiceClient(
                new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                new IdentityManagementServiceConfig { ServiceURL = Endpoint, AuthenticationRegion = "us-east-1" });

        /// <summary>A role name no other test uses.</summary>
        public static string UniqueName(string prefix) => $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}";

        public void Dispose()
        {
        }
    }
}
