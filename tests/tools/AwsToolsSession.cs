// A stand-in for the session state AWS.Tools.Common leaves, with the shape of its real types (see
// CredentialsArguments.cs and ProxyCmdlets.cs in the aws-tools-for-powershell sources): Set-AWSCredential stores an
// AWSPSCredentials whose Credentials, Name and Source are internal, made by an internal constructor; Set-AWSProxy
// stores a ProxySettings with public members. The tests compile this with Add-Type against the AWSSDK.Core that
// AWS.Tools loads (4.0 for v5, 3.7 for v4), in the session, before the module is imported.
using System;
using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;

namespace Amazon.PowerShell.Common
{
    internal enum CredentialsSource
    {
        Strings, Profile, CredentialsObject, Session, Environment, Container, InstanceProfile, Unknown
    }

    public class AWSPSCredentials
    {
        internal AWSPSCredentials(AWSCredentials credentials, string name, CredentialsSource source)
        {
            Credentials = credentials;
            Name = name;
            Source = source;
        }

        private AWSPSCredentials() { }

        internal AWSCredentials Credentials { get; private set; }

        internal string Name { get; private set; }

        internal CredentialsSource Source { get; private set; }

        public override string ToString() => !string.IsNullOrEmpty(Name) ? Name : (Credentials != null ? Credentials.ToString() : base.ToString());
    }

    public class ProxySettings
    {
        public string Hostname { get; set; }

        public int Port { get; set; }

        public ICredentials Credentials { get; set; }

        public List<string> BypassList { get; set; }

        public bool? BypassOnLocal { get; set; }
    }
}

namespace SsmHybridRoleTests
{
    /// <summary>
    /// Refreshing credentials as an assumed role's are, except that each set expires at once: every GetCredentials()
    /// brings new keys (AKIAROTATING00000001, ...02, ...), so a test sees whether the keys are read at each signing.
    /// </summary>
    public class RotatingCredentials : RefreshingAWSCredentials
    {
        private int count;

        public RotatingCredentials()
        {
            PreemptExpiryTime = TimeSpan.FromMinutes(10);
        }

        public int Count => count;

        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            count++;
            // Valid for five minutes, so inside the ten-minute renewal margin: the next GetCredentials() renews them.
            return new CredentialsRefreshState(new ImmutableCredentials("AKIAROTATING" + count.ToString("D8"), "rotating-secret", "rotating-token"), DateTime.UtcNow.AddMinutes(5));
        }
    }
}
