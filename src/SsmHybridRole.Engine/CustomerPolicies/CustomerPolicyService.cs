using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Gateway;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;

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
    internal sealed class CustomerPolicy
    {
        internal CustomerPolicy(string policyName, string policyArn, string document, string versionId, PolicyOutcome outcome)
        {
            PolicyName = policyName;
            PolicyArn = policyArn;
            Document = document;
            VersionId = versionId;
            Outcome = outcome;
        }

        public string PolicyName { get; }

        public string PolicyArn { get; }

        public string Document { get; }

        public string VersionId { get; }

        public PolicyOutcome Outcome { get; }
    }

    /// <summary>
    /// Keeps a customer managed policy at a wanted document: creates it, leaves it alone when its default
    /// version already means the same, or adds a new default version (making room when IAM's limit of five
    /// versions is reached by deleting the oldest non-default one).
    /// </summary>
    internal sealed class CustomerPolicyService
    {
        private const int MaxVersions = 5;
        private readonly AwsGateway aws;
        private readonly IIdentityManagementService iam;
        private readonly IOperationReporter reporter;

        public CustomerPolicyService(AwsConnection connection, IOperationReporter reporter)
        {
            aws = new AwsGateway(connection, reporter);
            iam = aws.Iam;
            this.reporter = aws.Reporter;
        }

        public async Task<CustomerPolicy> EnsureAsync(string policyName, string document, string description, CancellationToken cancellationToken)
        {
            InputRules.PolicyName(policyName);
            InputRules.PolicyDocumentText(document, 6144, "Document");
            try
            {
                var created = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = policyName, PolicyDocument = document, Description = description }, cancellationToken).ConfigureAwait(false);
                return new CustomerPolicy(policyName, created.Policy.Arn, document, created.Policy.DefaultVersionId ?? "v1", PolicyOutcome.Created);
            }
            catch (ServiceCallException e) when (e.InnerException is EntityAlreadyExistsException)
            {
                reporter.Verbose($"Policy '{policyName}' exists; comparing its default version with the wanted document.");
            }

            var accountId = await aws.GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
            var policyArn = Arn.CustomerManagedPolicy(aws.Connection.Partition, accountId, policyName);
            var policy = (await iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false)).Policy;
            var current = (await iam.GetPolicyVersionAsync(new GetPolicyVersionRequest { PolicyArn = policyArn, VersionId = policy.DefaultVersionId ?? "v1" }, cancellationToken).ConfigureAwait(false)).PolicyVersion;
            if (PolicyJson.AreEquivalent(current.Document, document))
            {
                reporter.Verbose($"Policy '{policyName}' already has this document (version {current.VersionId}); nothing to do.");
                return new CustomerPolicy(policyName, policyArn, document, current.VersionId, PolicyOutcome.Unchanged);
            }

            var versions = await IdentityManagementServicePaginators.ListAllAsync<ListPolicyVersionsRequest, ListPolicyVersionsResponse, PolicyVersion>(
                new ListPolicyVersionsRequest { PolicyArn = policyArn }, iam.ListPolicyVersionsAsync, cancellationToken).ConfigureAwait(false);
            if (versions.Count >= MaxVersions)
            {
                var oldest = versions.Where(v => !v.IsDefaultVersion).OrderBy(v => v.CreateDate ?? DateTime.MinValue).ThenBy(v => v.VersionId, StringComparer.Ordinal).First();
                reporter.Verbose($"Policy '{policyName}' has {versions.Count} versions, IAM's limit; deleting {oldest.VersionId}, the oldest non-default.");
                await iam.DeletePolicyVersionAsync(new DeletePolicyVersionRequest { PolicyArn = policyArn, VersionId = oldest.VersionId }, cancellationToken).ConfigureAwait(false);
            }

            var added = await iam.CreatePolicyVersionAsync(new CreatePolicyVersionRequest { PolicyArn = policyArn, PolicyDocument = document, SetAsDefault = true }, cancellationToken).ConfigureAwait(false);
            return new CustomerPolicy(policyName, policyArn, document, added.PolicyVersion.VersionId, PolicyOutcome.Updated);
        }
    }
}
