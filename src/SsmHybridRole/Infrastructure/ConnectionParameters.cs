using System.Collections;
using System.Reflection;
using SsmHybridRole.Engine.Connections;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// The connection parameters of one command line, with the session state AWS Tools leaves
    /// ($StoredAWSRegion, $StoredAWSCredentials), made into the engine's options in one place: for a cmdlet
    /// and for Tab completion alike, so both reach the same account.
    /// </summary>
    internal static class ConnectionParameters
    {
        /// <summary>
        /// The engine's options from the parameters bound so far (a cmdlet's, or what Tab completion sees);
        /// <paramref name="region"/> is the command's own Region, and <paramref name="sessionVariable"/> reads a
        /// variable of the caller's session.
        /// </summary>
        public static ConnectionOptions FromBound(IDictionary bound, string? region, Func<string, object?> sessionVariable)
        {
            object? Value(string name) => bound.Contains(name) ? Unwrap(bound[name]) : null;
            string? Text(string name) => Value(name)?.ToString();
            var options = new ConnectionOptions
            {
                Region = region,
                ProfileName = Text("ProfileName"),
                ProfileLocation = Text("ProfileLocation"),
                AccessKey = Text("AccessKey"),
                SecretKey = Text("SecretKey"),
                SessionToken = Text("SessionToken"),
                EndpointUrl = Text("EndpointUrl"),
                StoredRegion = Unwrap(sessionVariable("StoredAWSRegion"))?.ToString(),
            };

            if (Value("Credential") is { } credential)
            {
                ReadKeys(credential);
                options.ExternalCredentials = () => ReadKeys(credential);
                options.ExternalCredentialsIdentity = credential;
            }
            else if (Unwrap(sessionVariable("StoredAWSCredentials")) is { } stored)
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
                    ErrorIds.InvalidCredentialObject,
                    "Credential",
                    source.GetType().FullName,
                    "{Credential} takes an AWSCredentials object (one with GetCredentials()) or a PSCredential whose user name is the access key and whose password is the secret key");
            }

            return new KeyTriple(accessKey!, secretKey!, Read("Token"));
        }
    }
}
