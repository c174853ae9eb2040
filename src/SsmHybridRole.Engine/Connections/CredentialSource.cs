namespace SsmHybridRole.Engine.Connections
{
    /// <summary>Where a connection's credentials came from, by kind; the cmdlets word it in their own syntax.</summary>
    internal enum CredentialSourceKind
    {
        /// <summary>Access key and secret key given to the command; <see cref="CredentialSource.Detail"/> is the masked key.</summary>
        ExplicitKeys,

        /// <summary>A credentials object given to the command (another module's, or a user name and password).</summary>
        CredentialObject,

        /// <summary>A profile; <see cref="CredentialSource.Detail"/> says which, and how it yields credentials.</summary>
        Profile,

        /// <summary>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; <see cref="CredentialSource.Detail"/> is the masked key.</summary>
        EnvironmentKeys,

        /// <summary>The credentials AWS Tools stored for the session; <see cref="CredentialSource.Detail"/> is their name.</summary>
        SessionCredentials,

        /// <summary>The end of the SDKs' chain: web identity, container or instance credentials.</summary>
        DefaultChain,

        /// <summary>A role assumed in another account; <see cref="CredentialSource.Detail"/> is its ARN, <see cref="CredentialSource.Via"/> what assumed it.</summary>
        AssumedRole,
    }

    /// <summary>Where credentials came from, for verbose text. Never holds a secret.</summary>
    internal sealed record CredentialSource(CredentialSourceKind Kind, string Detail, bool WithSessionToken = false, CredentialSource? Via = null)
    {
        /// <summary>A neutral wording; the cmdlets assembly has its own, with parameter names.</summary>
        public override string ToString() => Kind switch
        {
            CredentialSourceKind.ExplicitKeys => "access key " + Detail + (WithSessionToken ? " with a session token" : string.Empty),
            CredentialSourceKind.CredentialObject => "a credential object",
            CredentialSourceKind.SessionCredentials => Detail.Length == 0 ? "the credentials stored for the session" : $"the credentials '{Detail}' stored for the session",
            CredentialSourceKind.EnvironmentKeys => "AWS_ACCESS_KEY_ID " + Detail,
            CredentialSourceKind.AssumedRole => $"role {Detail}, assumed with {Via}",
            _ => Detail,
        };
    }
}
