namespace SsmHybridRole.Engine.Errors
{
    /// <summary>
    /// Every error id the module writes. Each becomes the first half of an ErrorRecord's FullyQualifiedErrorId,
    /// so scripts match on it: a value never changes once released.
    /// </summary>
    internal static class ErrorIds
    {
        // Input rules, checked before any request.
        public const string InvalidRoleName = "InvalidRoleName";
        public const string InvalidPolicyName = "InvalidPolicyName";
        public const string InvalidPath = "InvalidPath";
        public const string InvalidDescription = "InvalidDescription";
        public const string InvalidMaxSessionDuration = "InvalidMaxSessionDuration";
        public const string TooManyTags = "TooManyTags";
        public const string InvalidTagKey = "InvalidTagKey";
        public const string InvalidTagValue = "InvalidTagValue";
        public const string InvalidPolicyArn = "InvalidPolicyArn";
        public const string PolicyArnPartitionMismatch = "PolicyArnPartitionMismatch";
        public const string InvalidAccountId = "InvalidAccountId";
        public const string InvalidActivationRegion = "InvalidActivationRegion";
        public const string ActivationRegionPartitionMismatch = "ActivationRegionPartitionMismatch";
        public const string ActivationRegionRequired = "ActivationRegionRequired";
        public const string InvalidRegion = "InvalidRegion";
        public const string InvalidPolicyDocument = "InvalidPolicyDocument";
        public const string PolicyDocumentTooLarge = "PolicyDocumentTooLarge";
        public const string InvalidEndpointUrl = "InvalidEndpointUrl";
        public const string InvalidPartition = "InvalidPartition";
        public const string UnknownPolicyName = "UnknownPolicyName";
        public const string NoPolicySpecified = "NoPolicySpecified";
        public const string MalformedPolicyDocument = "MalformedPolicyDocument";
        public const string TrustPolicyDoesNotAllowSsm = "TrustPolicyDoesNotAllowSsm";
        public const string TrustPolicyPartitionMismatch = "TrustPolicyPartitionMismatch";
        public const string ConflictingTrustParameters = "ConflictingTrustParameters";
        public const string NothingToAllow = "NothingToAllow";
        public const string WildcardRegionNotAllowed = "WildcardRegionNotAllowed";
        public const string RegionPartitionMismatch = "RegionPartitionMismatch";
        public const string InvalidBucketName = "InvalidBucketName";
        public const string InvalidThrottleLimit = "InvalidThrottleLimit";
        public const string InvalidRegistrationLimit = "InvalidRegistrationLimit";
        public const string InvalidExpirationDate = "InvalidExpirationDate";
        public const string InvalidDefaultInstanceName = "InvalidDefaultInstanceName";
        public const string MissingSecretKey = "MissingSecretKey";
        public const string MissingAccessKey = "MissingAccessKey";
        public const string InvalidCredentialObject = "InvalidCredentialObject";
        public const string InvalidManagedNodeId = "InvalidManagedNodeId";
        public const string InvalidActivationId = "InvalidActivationId";
        public const string InvalidActivationCode = "InvalidActivationCode";
        public const string InvalidProxyUri = "InvalidProxyUri";
        public const string InvalidEndpointOverride = "InvalidEndpointOverride";
        public const string InvalidTimeout = "InvalidTimeout";

        // Answers from AWS, translated by the gateway.
        public const string RoleNotFound = "RoleNotFound";
        public const string PolicyNotFound = "PolicyNotFound";
        public const string PolicyNotAttachable = "PolicyNotAttachable";
        public const string RoleAlreadyExists = "RoleAlreadyExists";
        public const string LimitExceeded = "LimitExceeded";
        public const string RoleNotModifiable = "RoleNotModifiable";
        public const string DeleteConflict = "DeleteConflict";
        public const string AccessDenied = "AccessDenied";
        public const string InvalidCredentials = "InvalidCredentials";
        public const string IamRequestFailed = "IamRequestFailed";
        public const string StsRequestFailed = "StsRequestFailed";
        public const string SsmRequestFailed = "SsmRequestFailed";
        public const string EndpointUnreachable = "EndpointUnreachable";
        public const string RoleNotVisibleToSsm = "RoleNotVisibleToSsm";
        public const string InvalidActivationRequest = "InvalidActivationRequest";
        public const string ActivationNotFound = "ActivationNotFound";
        public const string ManagedNodeNotFound = "ManagedNodeNotFound";
        public const string ServiceSettingNotFound = "ServiceSettingNotFound";
        public const string SsmTooManyUpdates = "SsmTooManyUpdates";

        // An activation whose code is not known here: listed by SSM (which never returns codes), or left
        // behind by a lost answer.
        public const string ActivationCodeUnknown = "ActivationCodeUnknown";
        public const string ActivationOutcomeUnknown = "ActivationOutcomeUnknown";

        // Refusals: what the module will not touch unless asked to.
        public const string NotAHybridServiceRole = "NotAHybridServiceRole";
        public const string RoleInUse = "RoleInUse";
        public const string PolicyNotOwned = "PolicyNotOwned";

        // A role piped from another account into a command that works only in the account of its credentials.
        public const string RoleInOtherAccount = "RoleInOtherAccount";

        // A change that asks first, in a session where nobody can answer (no console input): refused, not guessed.
        public const string ConfirmationRequired = "ConfirmationRequired";

        // Tasks of several steps that stopped part-way.
        public const string RoleCreationIncomplete = "RoleCreationIncomplete";
        public const string RoleRemovalIncomplete = "RoleRemovalIncomplete";
        public const string ConvergenceIncomplete = "ConvergenceIncomplete";

        // Credentials and Region.
        public const string RegionRequired = "RegionRequired";
        public const string ProfileNotFound = "ProfileNotFound";
        public const string ProfileHasNoCredentials = "ProfileHasNoCredentials";
        public const string NoCredentials = "NoCredentials";
        public const string SsoTokenMissing = "SsoTokenMissing";
        public const string SsoTokenExpired = "SsoTokenExpired";
        public const string CredentialTimeout = "CredentialTimeout";
        public const string CredentialProcessFailed = "CredentialProcessFailed";
        public const string MfaCodeRequired = "MfaCodeRequired";
        public const string InvalidSessionCredentials = "InvalidSessionCredentials";
        public const string CleartextEndpointRefused = "CleartextEndpointRefused";
        public const string PaginationLoop = "PaginationLoop";
    }
}
