using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.CustomerPolicies
{
    /// <summary>What happened to a customer managed policy.</summary>
    internal enum PolicyOutcome
    {
        Created,
        Updated,
        Unchanged,
    }

    /// <summary>A customer managed policy as the module left it.</summary>
    internal sealed record CustomerPolicy(string PolicyName, string PolicyArn, string Document, string VersionId, PolicyOutcome Outcome);

    /// <summary>
    /// A customer managed policy of the wanted name that was there already and says something else: whether the
    /// module made it, who uses it, and which old version must go to make room (IAM keeps five).
    /// </summary>
    internal sealed record ExistingPolicy(string PolicyName, string PolicyArn, PolicyVersion Default, bool MadeByModule, int Roles, int Users, int Groups, string? VersionToDelete)
    {
        public string Attachments => $"{Roles} role(s), {Users} user(s) and {Groups} group(s)";
    }

    /// <summary>The first step's outcome: the policy made (or found saying the same already), or the one that is in the way.</summary>
    internal sealed record PolicyCreation(CustomerPolicy? Done, ExistingPolicy? Existing);

    /// <summary>
    /// Keeps a customer managed policy at a wanted document, without reaching a policy that is not the module's:
    /// it creates the policy (marked as the module's), leaves one alone that already means the same, and hands
    /// back one that says something else, so that the caller can ask before a new version is added and before an
    /// old one is deleted. A policy the module did not make gets a new version only when the caller insists.
    /// </summary>
    internal sealed class CustomerPolicyService : AwsService
    {
        private const int MaxVersions = 5;

        public CustomerPolicyService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        public async Task<PolicyCreation> CreateOrReadAsync(string policyName, string document, string description, CancellationToken cancellationToken)
        {
            InputRules.PolicyName(policyName);
            InputRules.PolicyDocumentText(document, 6144, "Document");
            var marker = Guid.NewGuid().ToString("N");
            try
            {
                var request = new CreatePolicyRequest { PolicyName = policyName, PolicyDocument = document, Description = description, Tags = { new Tag { Key = KnownNames.CreationMarkerTag, Value = marker } } };
                var created = await Iam.CreatePolicyAsync(request, cancellationToken).ConfigureAwait(false);
                Connection.LearnAccountFrom(created.Policy.Arn);
                return new PolicyCreation(new CustomerPolicy(policyName, created.Policy.Arn, document, created.Policy.DefaultVersionId ?? "v1", PolicyOutcome.Created), null);
            }
            catch (ServiceCallException e) when (e.InnerException is EntityAlreadyExistsException || e.Kind is FailureKind.Connection or FailureKind.ServiceFailure)
            {
                Reporter.Verbose($"Policy '{policyName}' exists (or the answer to its creation was lost); reading it.");
                var existing = await ReadAsync(policyName, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    throw;
                }

                if (!PolicyJson.AreEquivalent(existing.Default.Document, document))
                {
                    return new PolicyCreation(null, existing);
                }

                var ours = existing.MadeByModule && await HasMarkerAsync(existing.PolicyArn, marker, cancellationToken).ConfigureAwait(false);
                Reporter.Verbose(ours ? $"Policy '{policyName}' was created although the answer was lost." : $"Policy '{policyName}' already has this document (version {existing.Default.VersionId}); nothing to do.");
                return new PolicyCreation(new CustomerPolicy(policyName, existing.PolicyArn, document, existing.Default.VersionId, ours ? PolicyOutcome.Created : PolicyOutcome.Unchanged), null);
            }
        }

        /// <summary>Refuses to write a policy the module did not make, unless <paramref name="force"/>; the refusal names who uses it.</summary>
        public static void RequireOwned(ExistingPolicy existing, bool force)
        {
            if (!existing.MadeByModule && !force)
            {
                throw new SsmHybridRoleException(ErrorIds.PolicyNotOwned, FailureKind.Refused, Messages.PolicyNotOwned(existing.PolicyArn, existing.Attachments), existing.PolicyArn);
            }
        }

        /// <summary>Adds the document as the new default version, deleting the oldest non-default one first when IAM's limit is reached.</summary>
        public async Task<CustomerPolicy> AddVersionAsync(ExistingPolicy existing, string document, CancellationToken cancellationToken)
        {
            if (existing.VersionToDelete != null)
            {
                try
                {
                    await Iam.DeletePolicyVersionAsync(new DeletePolicyVersionRequest { PolicyArn = existing.PolicyArn, VersionId = existing.VersionToDelete }, cancellationToken).ConfigureAwait(false);
                }
                catch (ServiceCallException e) when (e.Kind == FailureKind.NotFound)
                {
                    // Deleted already: the SDK's retry after a lost answer.
                }
            }

            try
            {
                var added = await Iam.CreatePolicyVersionAsync(new CreatePolicyVersionRequest { PolicyArn = existing.PolicyArn, PolicyDocument = document, SetAsDefault = true }, cancellationToken).ConfigureAwait(false);
                return new CustomerPolicy(existing.PolicyName, existing.PolicyArn, document, added.PolicyVersion.VersionId, PolicyOutcome.Updated);
            }
            catch (ServiceCallException e) when (e.Kind is FailureKind.LimitExceeded or FailureKind.Connection or FailureKind.ServiceFailure)
            {
                // An answer lost after IAM made the version (its retry may even meet the five-version limit):
                // what counts is whether the default version now says what was asked.
                var now = await DefaultVersionAsync(existing.PolicyArn, cancellationToken).ConfigureAwait(false);
                if (!PolicyJson.AreEquivalent(now.Version.Document, document))
                {
                    throw;
                }

                return new CustomerPolicy(existing.PolicyName, existing.PolicyArn, document, now.Version.VersionId, PolicyOutcome.Updated);
            }
        }

        private async Task<ExistingPolicy?> ReadAsync(string policyName, CancellationToken cancellationToken)
        {
            var accountId = await Aws.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
            var policyArn = Arn.CustomerManagedPolicy(Connection.Partition, accountId, policyName);
            (ManagedPolicy Policy, PolicyVersion Version) current;
            try
            {
                current = await DefaultVersionAsync(policyArn, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.Kind == FailureKind.NotFound)
            {
                return null;
            }

            var entities = new List<string>();
            await IdentityManagementServicePaginators.ForEachPageAsync<ListEntitiesForPolicyRequest, ListEntitiesForPolicyResponse, string>(
                new ListEntitiesForPolicyRequest { PolicyArn = policyArn }, Iam.ListEntitiesForPolicyAsync, entities.AddRange, cancellationToken).ConfigureAwait(false);
            var versions = await IdentityManagementServicePaginators.ListAllAsync<ListPolicyVersionsRequest, ListPolicyVersionsResponse, PolicyVersion>(
                new ListPolicyVersionsRequest { PolicyArn = policyArn }, Iam.ListPolicyVersionsAsync, cancellationToken).ConfigureAwait(false);
            var oldest = versions.Count < MaxVersions ? null
                : versions.Where(v => !v.IsDefaultVersion).OrderBy(v => v.CreateDate ?? DateTime.MinValue).ThenBy(v => v.VersionId, StringComparer.Ordinal).First().VersionId;
            int Count(string kind) => entities.Count(e => e.StartsWith(kind + "/", StringComparison.Ordinal));
            return new ExistingPolicy(policyName, policyArn, current.Version, current.Policy.Tags.Any(t => t.Key == KnownNames.CreationMarkerTag), Count("role"), Count("user"), Count("group"), oldest);
        }

        private async Task<bool> HasMarkerAsync(string policyArn, string marker, CancellationToken cancellationToken)
            => (await Iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false)).Policy.Tags.Any(t => t.Key == KnownNames.CreationMarkerTag && t.Value == marker);

        private async Task<(ManagedPolicy Policy, PolicyVersion Version)> DefaultVersionAsync(string policyArn, CancellationToken cancellationToken)
        {
            var policy = (await Iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false)).Policy;
            var version = (await Iam.GetPolicyVersionAsync(new GetPolicyVersionRequest { PolicyArn = policyArn, VersionId = policy.DefaultVersionId ?? "v1" }, cancellationToken).ConfigureAwait(false)).PolicyVersion;
            return (policy, version);
        }
    }
}
