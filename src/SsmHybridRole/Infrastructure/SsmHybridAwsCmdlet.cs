using System;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// Cmdlets that call AWS with the common -Region parameter (a single Region, alias RegionToCall).
    /// </summary>
    public abstract class SsmHybridAwsCmdlet : AwsConnectionCmdlet
    {
        /// <summary>The Region: it decides the partition and the default activation Region.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        protected override string? ConnectionRegion => Region;
    }

    /// <summary>
    /// Cmdlets that call AWS: the connection parameters of AWS Tools for PowerShell, with its aliases, and
    /// the session's $StoredAWSRegion / $StoredAWSCredentials when they are set. The Region parameter is the
    /// derived class's, as one cmdlet takes several Regions.
    /// </summary>
    public abstract class AwsConnectionCmdlet : SsmHybridCmdlet
    {
        private object? connection;

        /// <summary>The Region the connection is made for, from the cmdlet's own Region parameter.</summary>
        protected abstract string? ConnectionRegion { get; }

        /// <summary>A profile from the SDK store or the shared credentials and config files.</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        public string? ProfileName { get; set; }

        /// <summary>A shared credentials file to look the profile up in.</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string? ProfileLocation { get; set; }

        [Parameter]
        [Alias("AK")]
        public string? AccessKey { get; set; }

        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        public string? SecretKey { get; set; }

        [Parameter]
        [Alias("ST")]
        public string? SessionToken { get; set; }

        /// <summary>An AWSCredentials object (as AWS Tools makes them) or a PSCredential of access key and secret key.</summary>
        [Parameter]
        public object? Credential { get; set; }

        /// <summary>Another IAM/STS endpoint, such as a local test endpoint.</summary>
        [Parameter]
        public string? EndpointUrl { get; set; }

        /// <summary>The connection for these parameters, made on first use and shared across the session.</summary>
        internal AwsConnection GetConnection()
        {
            if (connection is AwsConnection existing)
            {
                return existing;
            }

            var made = AwsConnectionFactory.Get(BuildConnectionOptions());
            WriteVerbose("Using " + made.Description + ".");
            connection = made;
            return made;
        }

        /// <summary>
        /// Runs a role-service task. The connection is made first, here on the pipeline thread (it may write
        /// verbose text); the task itself runs off it and reports through the call.
        /// </summary>
        internal T RunWithConnection<T>(Func<AwsConnection, EngineCall, CancellationToken, Task<T>> work)
        {
            var connection = GetConnection();
            return RunEngine((call, cancel) => work(connection, call, cancel));
        }

        internal T RunService<T>(Func<HybridRoleService, EngineCall, CancellationToken, Task<T>> work)
            => RunWithConnection((connection, call, cancel) => work(new HybridRoleService(connection, call), call, cancel));

        internal void RunService(Func<HybridRoleService, EngineCall, CancellationToken, Task> work)
            => RunWithConnection(async (connection, call, cancel) =>
            {
                await work(new HybridRoleService(connection, call), call, cancel).ConfigureAwait(false);
                return true;
            });

        internal ConnectionOptions BuildConnectionOptions()
        {
            var options = new ConnectionOptions
            {
                Region = ConnectionRegion,
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
                StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion"))?.ToString(),
            };

            if (Credential != null)
            {
                var source = Unwrap(Credential)!;
                ReadKeys(source);
                options.ExternalCredentials = () => ReadKeys(source);
                options.ExternalCredentialsIdentity = source;
            }
            else if (Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")) is { } stored)
            {
                if (stored is string storedProfile)
                {
                    options.StoredProfileName = storedProfile;
                }
                else
                {
                    options.ExternalCredentials = () => ReadKeys(stored);
                    options.ExternalCredentialsIdentity = stored;
                }
            }

            return options;
        }

        /// <summary>A failure in one account of a many-account run: written for that account, the others go on.</summary>
        internal void WriteAccountError(string accountId, Exception exception)
        {
            if (exception is SsmHybridRoleException engine)
            {
                WriteError(ErrorRecords.From(engine, accountId));
            }
            else
            {
                WriteError(new ErrorRecord(exception, "AccountFailed", ErrorCategory.NotSpecified, accountId));
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>
        /// Reads keys from another module's credentials object by its shape (GetCredentials() returning
        /// AccessKey/SecretKey/Token), never by its type: its AWSSDK.Core is not ours.
        /// </summary>
        private static KeyTriple ReadKeys(object source)
        {
            if (source is PSCredential psCredential)
            {
                return new KeyTriple(psCredential.UserName, psCredential.GetNetworkCredential().Password, null);
            }

            var immutable = source.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null)?.Invoke(source, null) ?? source;
            string? Read(string name) => immutable.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(immutable) as string;
            var accessKey = Read("AccessKey");
            var secretKey = Read("SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new InvalidParameterException(
                    "InvalidCredentialObject",
                    nameof(Credential),
                    source.GetType().FullName,
                    "-Credential takes an AWSCredentials object (one with GetCredentials()) or a PSCredential whose user name is the access key and whose password is the secret key");
            }

            return new KeyTriple(accessKey!, secretKey!, Read("Token"));
        }
    }
}
