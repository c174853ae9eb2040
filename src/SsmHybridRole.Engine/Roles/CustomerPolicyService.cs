using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Iam;
using SsmHybridRole.Engine.Iam.Model;
using SsmHybridRole.Engine.Policies;

namespace SsmHybridRole.Engine.Roles
{
    /// <summary>What happened to a customer managed policy.</summary>
    public enum PolicyOutcome
    {
        Created,
        Updated,
        Unchanged,
    }

    /// <summary>A customer managed policy after <see cref="CustomerPolicyService.EnsureAsync"/>.</summary>
    public sealed class CustomerPolicy
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
    public sealed class CustomerPolicyService
    {
        private const int MaxVersions = 5;
        private readonly AwsConnection connection;
        private readonly IIdentityManagementService iam;
        private readonly IOperationReporter reporter;

        public CustomerPolicyService(AwsConnection connection, IOperationReporter reporter)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            iam = connection.Iam;
            this.reporter = reporter ?? SilentReporter.Instance;
        }

        public async Task<CustomerPolicy> EnsureAsync(string policyName, string document, string description, CancellationToken cancellationToken)
        {
            IamInputRules.PolicyName(policyName);
            IamInputRules.PolicyDocumentText(document, 6144, "Document");
            try
            {
                reporter.Verbose($"iam:CreatePolicy '{policyName}'.");
                var created = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = policyName, PolicyDocument = document, Description = description }, cancellationToken).ConfigureAwait(false);
                return new CustomerPolicy(policyName, created.Policy.Arn, document, created.Policy.DefaultVersionId ?? "v1", PolicyOutcome.Created);
            }
            catch (EntityAlreadyExistsException)
            {
                reporter.Verbose($"Policy '{policyName}' exists; comparing its default version with the wanted document.");
            }
            catch (Exception e) when (IamErrorTranslator.Translate(e, "iam:CreatePolicy", null) is var translated && !ReferenceEquals(translated, e))
            {
                throw translated;
            }

            var accountId = await IamCall.RunAsync(() => connection.GetAccountIdAsync(cancellationToken), "sts:GetCallerIdentity", null).ConfigureAwait(false);
            var policyArn = $"arn:{connection.Partition.Name}:iam::{accountId}:policy/{policyName}";
            var policy = (await IamCall.RunAsync(() => iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = policyArn }, cancellationToken), "iam:GetPolicy", null, policyArn).ConfigureAwait(false)).Policy;
            var current = (await IamCall.RunAsync(() => iam.GetPolicyVersionAsync(new GetPolicyVersionRequest { PolicyArn = policyArn, VersionId = policy.DefaultVersionId ?? "v1" }, cancellationToken), "iam:GetPolicyVersion", null, policyArn).ConfigureAwait(false)).PolicyVersion;
            if (PolicyJson.AreEquivalent(current.Document, document))
            {
                reporter.Verbose($"Policy '{policyName}' already has this document (version {current.VersionId}); nothing to do.");
                return new CustomerPolicy(policyName, policyArn, document, current.VersionId, PolicyOutcome.Unchanged);
            }

            var versions = await IamCall.RunAsync(
                () => IdentityManagementServicePaginators.ListAllAsync<ListPolicyVersionsRequest, ListPolicyVersionsResponse, PolicyVersion>(new ListPolicyVersionsRequest { PolicyArn = policyArn }, iam.ListPolicyVersionsAsync, cancellationToken),
                "iam:ListPolicyVersions",
                null,
                policyArn).ConfigureAwait(false);
            if (versions.Count >= MaxVersions)
            {
                var oldest = versions.Where(v => !v.IsDefaultVersion).OrderBy(v => v.CreateDate ?? DateTime.MinValue).ThenBy(v => v.VersionId, StringComparer.Ordinal).First();
                reporter.Verbose($"Policy '{policyName}' has {versions.Count} versions, IAM's limit; iam:DeletePolicyVersion {oldest.VersionId} (the oldest non-default).");
                await IamCall.RunAsync(() => iam.DeletePolicyVersionAsync(new DeletePolicyVersionRequest { PolicyArn = policyArn, VersionId = oldest.VersionId }, cancellationToken), "iam:DeletePolicyVersion", null, policyArn).ConfigureAwait(false);
            }

            reporter.Verbose($"iam:CreatePolicyVersion for '{policyName}' as the new default.");
            var added = await IamCall.RunAsync(() => iam.CreatePolicyVersionAsync(new CreatePolicyVersionRequest { PolicyArn = policyArn, PolicyDocument = document, SetAsDefault = true }, cancellationToken), "iam:CreatePolicyVersion", null, policyArn).ConfigureAwait(false);
            return new CustomerPolicy(policyName, policyArn, document, added.PolicyVersion.VersionId, PolicyOutcome.Updated);
        }
    }
}
