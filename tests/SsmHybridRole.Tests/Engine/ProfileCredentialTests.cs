using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Wording;
using Xunit;

namespace SsmHybridRole.Tests.Engine
{
    /// <summary>
    /// Credentials from profiles as AWS Tools resolves them, with temporary config and credentials files:
    /// role_arn with source_profile (STS AssumeRole against moto), credential_process, the profile set with
    /// Set-AWSCredential, and the environment's order. (SSO profiles are tested in a fresh pwsh, in
    /// tests/Pester/Credentials.Tests.ps1: the SDK reads AWS_CONFIG_FILE once per process.) Every request goes through the recording proxy, which tells which keys signed it.
    /// </summary>
    [Collection("moto")]
    public sealed class ProfileCredentialTests : IClassFixture<MotoFixture>, IDisposable
    {
        private readonly IamProxy proxy;
        private readonly FakeEnvironment environment = new FakeEnvironment();
        private readonly string directory = Directory.CreateTempSubdirectory("ssmhybrid-credentials").FullName;
        private readonly string? realConfigFile = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE");
        private readonly string? realCredentialsFile = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");

        public ProfileCredentialTests(MotoFixture moto)
        {
            proxy = new IamProxy(moto.Endpoint);
            environment["HOME"] = directory;
            // The SDK reads the config file from the process environment: point it at an empty one of ours.
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Write("config", string.Empty));
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Write("credentials", string.Empty));
        }

        public void Dispose()
        {
            environment.Dispose();
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", realConfigFile);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", realCredentialsFile);
            proxy.Dispose();
            Directory.Delete(directory, recursive: true);
        }

        [Fact]
        public async Task A_role_arn_profile_assumes_the_role_with_its_source_profile_and_signs_with_the_role()
        {
            var file = Write("credentials", "[base]\naws_access_key_id = AKIABASEPROFILE00001\naws_secret_access_key = base-secret\n\n[assumer]\nrole_arn = arn:aws:iam::123456789012:role/hybrid-admin\nsource_profile = base\nregion = us-east-2\n");

            var connection = ConnectionCache.Get(new ConnectionOptions { ProfileName = "assumer", ProfileLocation = file, EndpointUrl = proxy.Url });
            await connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            var log = proxy.Log();
            var assume = log.Single(e => e.GetProperty("action").GetString() == "AssumeRole");
            var iamCall = log.Single(e => e.GetProperty("action").GetString() == "GetAccountSummary");
            Assert.Equal("sts", assume.GetProperty("service").GetString());
            Assert.Equal("AKIABASEPROFILE00001", assume.GetProperty("access_key").GetString());
            Assert.StartsWith("ASIA", iamCall.GetProperty("access_key").GetString(), StringComparison.Ordinal);
            Assert.Contains("role arn:aws:iam::123456789012:role/hybrid-admin assumed with profile 'base'", CommandText.Using(connection), StringComparison.Ordinal);
            Assert.Equal("us-east-2", connection.Region);
        }

        [Fact]
        public async Task A_credential_process_profile_signs_with_what_the_process_prints()
        {
            var script = Write("creds.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS000000001\", \"SecretAccessKey\": \"process-secret\"}'\n");
            var file = Write("credentials", $"[proc]\ncredential_process = /bin/sh {script}\n");

            var connection = ConnectionCache.Get(new ConnectionOptions { ProfileName = "proc", ProfileLocation = file, Region = "us-east-1", EndpointUrl = proxy.Url });
            await connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            Assert.Equal("AKIAPROCESS000000001", proxy.Log().Single().GetProperty("access_key").GetString());
        }

        [Fact]
        public async Task The_profile_set_with_Set_AWSCredential_is_used_when_no_parameter_names_one()
        {
            var file = Write("credentials", "[stored]\naws_access_key_id = AKIASTOREDPROFILE001\naws_secret_access_key = stored-secret\n");
            environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001";
            environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";

            var connection = ConnectionCache.Get(new ConnectionOptions { StoredProfileName = "stored", ProfileLocation = file, Region = "us-east-1", EndpointUrl = proxy.Url });
            await connection.Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            Assert.Equal("AKIASTOREDPROFILE001", proxy.Log().Single().GetProperty("access_key").GetString());
        }

        [Fact]
        public async Task Environment_keys_come_before_AWS_PROFILE_and_AWS_PROFILE_before_the_default_profile()
        {
            var file = Write("credentials", "[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = d\n\n[named]\naws_access_key_id = AKIANAMEDPROFILE0001\naws_secret_access_key = n\n");
            environment["AWS_PROFILE"] = "named";
            environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00002";
            environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";

            await ConnectionCache.Get(new ConnectionOptions { ProfileLocation = file, Region = "us-east-1", EndpointUrl = proxy.Url }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());
            environment.Remove("AWS_ACCESS_KEY_ID");
            environment.Remove("AWS_SECRET_ACCESS_KEY");
            await ConnectionCache.Get(new ConnectionOptions { ProfileLocation = file, Region = "us-east-1", EndpointUrl = proxy.Url }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());
            environment.Remove("AWS_PROFILE");
            await ConnectionCache.Get(new ConnectionOptions { ProfileLocation = file, Region = "us-east-1", EndpointUrl = proxy.Url }).Iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

            Assert.Equal(new[] { "AKIAENVIRONMENT00002", "AKIANAMEDPROFILE0001", "AKIADEFAULTPROFILE01" }, proxy.Log().Select(e => e.GetProperty("access_key").GetString()));
        }

        private string Write(string name, string text)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            return path;
        }

    }
}
