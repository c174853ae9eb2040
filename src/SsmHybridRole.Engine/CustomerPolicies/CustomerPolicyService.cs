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

    /// <summary>A customer managed policy after <see cref="CustomerPolicyService.EnsureAsync"/>.</summary>
    internal sealed record CustomerPolicy(string PolicyName, string PolicyArn, string Document, string VersionId, PolicyOutcome Outcome);


    /// <summary>
    /// Keeps a customer managed policy at a wanted document: creates it, leaves it alone when its default
    /// version already means the same, or adds a new default version (making room when IAM's limit of five
    /// versions is reached by deleting the oldest non-default one).
    /// </summary>
    internal sealed class CustomerPolicyService : AwsService
    {
        private const int MaxVersions = 5;
        public CustomerPolicyService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        public async Task<CustomerPolicy> EnsureAsync(string policyName, string document, string description, CancellationToken cancellationToken)
        {
            InputRules.PolicyName(policyName);
            InputRules.PolicyDocumentText(document, 6144, "Document");
            try
            {
                var created = await Iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = policyName, PolicyDocument = document, Description = description }, cancellationToken).ConfigureAwait(false);
                Connection.LearnAccountFrom(created.Policy.Arn);
                return new CustomerPolicy(policyName, created.Policy.Arn, document, created.Policy.DefaultVersionId ?? "v1", PolicyOutcome.Created);
            }
            catch (ServiceCallException e) when (e.InnerException is EntityAlreadyExistsException)
            {
                Reporter.Verbose($"Policy '{policyName}' exists; comparing its default version with the wanted document.");
            }

            var accountId = await Aws.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
            var policyArn = Arn.CustomerManagedPolicy(Connection.Partition, accountId, policyName);
            var policy = (await Iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false)).Policy;
            var current = (await Iam.GetPolicyVersionAsync(new GetPolicyVersionRequest { PolicyArn = policyArn, VersionId = policy.DefaultVersionId ?? "v1" }, cancellationToken).ConfigureAwait(false)).PolicyVersion;
            if (PolicyJson.AreEquivalent(current.Document, document))
            {
                Reporter.Verbose($"Policy '{policyName}' already has this document (version {current.VersionId}); nothing to do.");
                return new CustomerPolicy(policyName, policyArn, document, current.VersionId, PolicyOutcome.Unchanged);
            }

            var versions = await IdentityManagementServicePaginators.ListAllAsync<ListPolicyVersionsRequest, ListPolicyVersionsResponse, PolicyVersion>(
                new ListPolicyVersionsRequest { PolicyArn = policyArn }, Iam.ListPolicyVersionsAsync, cancellationToken).ConfigureAwait(false);
            if (versions.Count >= MaxVersions)
            {
                var oldest = versions.Where(v => !v.IsDefaultVersion).OrderBy(v => v.CreateDate ?? DateTime.MinValue).ThenBy(v => v.VersionId, StringComparer.Ordinal).First();
                Reporter.Verbose($"Policy '{policyName}' has {versions.Count} versions, IAM's limit; deleting {oldest.VersionId}, the oldest non-default.");
                await Iam.DeletePolicyVersionAsync(new DeletePolicyVersionRequest { PolicyArn = policyArn, VersionId = oldest.VersionId }, cancellationToken).ConfigureAwait(false);
            }

            var added = await Iam.CreatePolicyVersionAsync(new CreatePolicyVersionRequest { PolicyArn = policyArn, PolicyDocument = document, SetAsDefault = true }, cancellationToken).ConfigureAwait(false);
            return new CustomerPolicy(policyName, policyArn, document, added.PolicyVersion.VersionId, PolicyOutcome.Updated);
        }
    }
}
