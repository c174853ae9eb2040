using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>How a role is assumed: the profile's settings, or the module's own for member accounts.</summary>
    internal sealed record AssumeRoleSettings(string RoleArn, string SessionName)
    {
        public string? ExternalId { get; init; }

        /// <summary>duration_seconds of the profile; null for STS's default (one hour).</summary>
        public int? DurationSeconds { get; init; }

        /// <summary>mfa_serial of the profile, with the profile's name for the prompt.</summary>
        public string? MfaSerial { get; init; }

        public string? ProfileName { get; init; }

        /// <summary>A session policy: the session can do no more than it allows.</summary>
        public string? Policy { get; init; }

        /// <summary>Who is behind the session, kept in CloudTrail for every call made with it.</summary>
        public string? SourceIdentity { get; init; }
    }

    /// <summary>
    /// Temporary credentials of a role, from STS AssumeRole, renewed before they expire. Each request to STS takes
    /// the running command's cancellation and a bounded wait (<see cref="CredentialContext"/>); an MFA profile asks
    /// for the code each time the role is assumed.
    /// </summary>
    internal sealed class AssumedRoleCredentials : BoundedCredentials
    {
        private readonly AmazonSecurityTokenServiceClient sts;
        private readonly AssumeRoleSettings settings;
        private bool sourceIdentityRefused;

        public AssumedRoleCredentials(AmazonSecurityTokenServiceClient sts, AssumeRoleSettings settings)
            : base("STS AssumeRole of " + settings?.RoleArn, TimeSpan.FromMinutes(1))
        {
            this.sts = sts;
            this.settings = settings!;
        }

        protected override async Task<CredentialsRefreshState> FetchAsync(CancellationToken cancel)
        {
            var request = new AssumeRoleRequest
            {
                RoleArn = settings.RoleArn,
                RoleSessionName = settings.SessionName,
                DurationSeconds = settings.DurationSeconds,
                ExternalId = string.IsNullOrEmpty(settings.ExternalId) ? null : settings.ExternalId,
                Policy = settings.Policy,
                SourceIdentity = settings.SourceIdentity,
            };
            if (!string.IsNullOrEmpty(settings.MfaSerial))
            {
                request.SerialNumber = settings.MfaSerial;
                request.TokenCode = await CredentialContext.MfaCodeAsync(settings.MfaSerial!, settings.ProfileName ?? settings.RoleArn, cancel).ConfigureAwait(false);
            }

            if (sourceIdentityRefused)
            {
                request.SourceIdentity = null;
            }

            AssumeRoleResponse response;
            try
            {
                response = await InFlight.UntilStopped(sts.AssumeRoleAsync(request, CancellationToken.None), cancel).ConfigureAwait(false);
            }
            catch (AmazonSecurityTokenServiceException e) when (request.SourceIdentity != null && e.ErrorCode == "AccessDenied" && e.Message.Contains("sts:SetSourceIdentity"))
            {
                // The role's trust allows sts:AssumeRole but not sts:SetSourceIdentity, as OrganizationAccountAccessRole's
                // default trust does. Naming the caller is worth a warning, not a refusal to work.
                sourceIdentityRefused = true;
                CredentialContext.Warn(ConnectionMessages.SourceIdentityRefused(settings.RoleArn, request.SourceIdentity!));
                request.SourceIdentity = null;
                response = await InFlight.UntilStopped(sts.AssumeRoleAsync(request, CancellationToken.None), cancel).ConfigureAwait(false);
            }

            var c = response.Credentials;
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Expiration ?? DateTime.UtcNow.AddMinutes(15));
        }
    }
}
