using System.Collections;
using System.Reflection;
using SsmHybridRole.Engine.Connections;

namespace SsmHybridRole.Infrastructure
{
    /// <summary>
    /// The connection parameters of one command line, with the session state AWS Tools leaves ($StoredAWSRegion,
    /// $StoredAWSCredentials, $AWSProxy), made into the engine's options in one place: for a cmdlet and for Tab
    /// completion alike, so both reach the same account. AWS Tools' types are read by their shape, by reflection:
    /// their AWSSDK.Core is not ours, and the members that matter of $StoredAWSCredentials are internal.
    /// </summary>
    internal static class ConnectionParameters
    {
        private const BindingFlags AnyInstance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

        /// <summary>
        /// The engine's options from the parameters bound so far (a cmdlet's, or what Tab completion sees);
        /// <paramref name="region"/> is the command's own Region, and <paramref name="sessionVariable"/> reads a
        /// variable of the caller's session.
        /// </summary>
        public static ConnectionOptions FromBound(IDictionary bound, string? region, Func<string, object?> sessionVariable, ServiceId endpointService = ServiceId.Iam)
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
                EndpointService = endpointService,
                StsEndpointUrl = Text("StsEndpointUrl"),
                StoredRegion = Unwrap(sessionVariable("StoredAWSRegion"))?.ToString(),
                StoredProxy = SessionProxyOf(Unwrap(sessionVariable("AWSProxy"))),
            };

            if (Value("Credential") is { } credential)
            {
                ReadKeys(credential, forParameter: true);
                options.ExternalCredentials = () => ReadKeys(credential, forParameter: true);
                options.ExternalCredentialsIdentity = credential;
            }

            if (Unwrap(sessionVariable("StoredAWSCredentials")) is { } stored)
            {
                if (stored is string storedProfile)
                {
                    options.StoredProfileName = storedProfile;
                }
                else
                {
                    options.StoredCredentials = SessionCredentialsOf(stored);
                }
            }

            return options;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>
        /// What Set-AWSCredential stores: an AWSPSCredentials whose Credentials (AWS Tools' AWSCredentials), Name and
        /// Source are internal. The credentials are asked for keys at each signing, so a refreshing one (an assumed
        /// role's) keeps working across its expiry. A bare credentials object (a script's own) is taken as it is.
        /// </summary>
        private static SessionCredentials SessionCredentialsOf(object stored)
        {
            var type = stored.GetType();
            var inner = type.GetProperty("Credentials", AnyInstance)?.GetValue(stored);
            if (inner is null && type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null) is null)
            {
                throw new SsmHybridRoleException(ErrorIds.InvalidSessionCredentials, FailureKind.Configuration, ConnectionMessages.InvalidSessionCredentials(type.FullName ?? type.Name, "it holds no credentials (no Credentials member, no GetCredentials())."), type.FullName);
            }

            var source = inner ?? stored;
            var name = type.GetProperty("Name", AnyInstance)?.GetValue(stored) as string;
            var from = type.GetProperty("Source", AnyInstance)?.GetValue(stored)?.ToString();
            return new SessionCredentials(() => ReadKeys(source, forParameter: false), string.IsNullOrEmpty(name) ? from : name, stored);
        }

        /// <summary>AWS Tools' ProxySettings ($AWSProxy, set by Set-AWSProxy): Hostname, Port, Credentials, BypassList, BypassOnLocal.</summary>
        private static SessionProxy? SessionProxyOf(object? settings)
        {
            if (settings is null)
            {
                return null;
            }

            object? Member(string name) => settings.GetType().GetProperty(name, AnyInstance)?.GetValue(settings);
            var host = Member("Hostname") as string;
            var port = Member("Port") is int p ? p : 0;
            if (string.IsNullOrEmpty(host) || port <= 0)
            {
                return null;
            }

            var bypass = (Member("BypassList") as IEnumerable)?.Cast<object>().Select(o => o.ToString()!).ToList() ?? new List<string>();
            return new SessionProxy(host!, port, bypass, Member("BypassOnLocal") is true, Member("Credentials") as System.Net.ICredentials);
        }

        /// <summary>
        /// Reads keys from another module's credentials object by its shape (GetCredentials() returning
        /// AccessKey/SecretKey/Token), never by its type: its AWSSDK.Core is not ours.
        /// </summary>
        private static KeyTriple ReadKeys(object source, bool forParameter)
        {
            if (source is PSCredential psCredential)
            {
                return new KeyTriple(psCredential.UserName, psCredential.GetNetworkCredential().Password, null);
            }

            object immutable;
            try
            {
                immutable = source.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null)?.Invoke(source, null) ?? source;
            }
            catch (TargetInvocationException e) when (!forParameter)
            {
                throw new SsmHybridRoleException(ErrorIds.InvalidSessionCredentials, FailureKind.Authentication, ConnectionMessages.InvalidSessionCredentials(source.GetType().FullName ?? "object", e.InnerException?.Message ?? e.Message), null, null, e.InnerException ?? e);
            }

            string? Read(string name) => immutable.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(immutable) as string;
            var accessKey = Read("AccessKey");
            var secretKey = Read("SecretKey");
            if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
            {
                return new KeyTriple(accessKey!, secretKey!, Read("Token"));
            }

            if (!forParameter)
            {
                throw new SsmHybridRoleException(ErrorIds.InvalidSessionCredentials, FailureKind.Configuration, ConnectionMessages.InvalidSessionCredentials(source.GetType().FullName ?? "object", "its GetCredentials() gave no access key and secret key."), source.GetType().FullName);
            }

            throw new InvalidParameterException(
                ErrorIds.InvalidCredentialObject,
                "Credential",
                source.GetType().FullName,
                "{Credential} takes an AWSCredentials object (one with GetCredentials()) or a PSCredential whose user name is the access key and whose password is the secret key");
        }
    }
}
