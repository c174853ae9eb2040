using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Aws;
using SsmHybridRole.Engine.Errors;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Engine.Activations
{
    /// <summary>A hybrid activation as SSM returned it. <see cref="ActivationCode"/> is a secret.</summary>
    public sealed class CreatedActivation
    {
        internal CreatedActivation(string activationId, string activationCode, string region, string iamRole, DateTime? expirationDate, int registrationLimit, string? defaultInstanceName)
        {
            ActivationId = activationId;
            ActivationCode = activationCode;
            Region = region;
            IamRole = iamRole;
            ExpirationDate = expirationDate;
            RegistrationLimit = registrationLimit;
            DefaultInstanceName = defaultInstanceName;
        }

        public string ActivationId { get; }

        public string ActivationCode { get; }

        public string Region { get; }

        public string IamRole { get; }

        public DateTime? ExpirationDate { get; }

        public int RegistrationLimit { get; }

        public string? DefaultInstanceName { get; }
    }

    /// <summary>
    /// Creates hybrid activations with SSM's CreateActivation (AWSSDK.SimpleSystemsManagement). SSM answers
    /// "Nonexistent role" for a while after a role is created; that is waited out, as Terraform does.
    /// </summary>
    public sealed class ActivationService
    {
        private readonly AwsConnection connection;
        private readonly IOperationReporter reporter;

        public ActivationService(AwsConnection connection, IOperationReporter reporter)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            this.reporter = reporter ?? SilentReporter.Instance;
        }

        public async Task<CreatedActivation> CreateAsync(ActivationSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            spec.Validate(DateTime.UtcNow);
            var region = connection.Region
                ?? throw new SsmHybridRoleException("RegionRequired", FailureKind.Configuration, Messages.NoRegion, null, Messages.NoRegionAction);
            var request = new CreateActivationRequest
            {
                IamRole = spec.IamRole,
                RegistrationLimit = spec.RegistrationLimit ?? 1,
                Description = spec.Description,
                DefaultInstanceName = spec.DefaultInstanceName,
                ExpirationDate = spec.ExpirationDate?.ToUniversalTime(),
                Tags = spec.Tags.Count == 0 ? null : spec.Tags.Select(t => new Amazon.SimpleSystemsManagement.Model.Tag { Key = t.Key, Value = t.Value }).ToList(),
            };

            reporter.Verbose($"ssm:CreateActivation in {region} for role '{spec.IamRole}' (at most {request.RegistrationLimit} nodes).");
            CreateActivationResponse response;
            try
            {
                response = await EventualConsistency.RetryAsync(
                    () => IamCall.RunAsync(() => connection.Ssm(region).CreateActivationAsync(request, cancellationToken), "ssm:CreateActivation", spec.RoleName),
                    IsRoleNotYetVisible,
                    $"Waiting for Systems Manager to see role '{spec.IamRole}'",
                    reporter,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (IamOperationException e) when (IsRoleNotYetVisible(e))
            {
                throw new IamOperationException(
                    "RoleNotVisibleToSsm",
                    FailureKind.NotFound,
                    $"Systems Manager still reports role '{spec.IamRole}' as nonexistent, or its trust policy as not naming ssm.amazonaws.com, after {EventualConsistency.Timeout.TotalSeconds:0} s.",
                    spec.RoleName,
                    e.IamErrorCode,
                    $"Check the role with Test-SsmHybridServiceRole -RoleName '{spec.RoleName}'; if it was created just now, try again in a minute.",
                    e);
            }
            catch (IamOperationException e) when (e.IamErrorCode == "ValidationException")
            {
                throw new IamOperationException("InvalidActivationRequest", FailureKind.InvalidArgument, e.Message, spec.RoleName, e.IamErrorCode, null, e);
            }
            reporter.Verbose($"Activation {response.ActivationId} created in {region}.");
            return new CreatedActivation(response.ActivationId, response.ActivationCode, region, spec.IamRole, request.ExpirationDate, request.RegistrationLimit ?? 1, spec.DefaultInstanceName);
        }

        /// <summary>SSM's "Nonexistent role" right after CreateRole means IAM has not reached it yet.</summary>
        private static bool IsRoleNotYetVisible(Exception e)
            => e is IamOperationException { Kind: FailureKind.ServiceFailure } failure
               && failure.InnerException is AmazonServiceException service
               && service.Message.IndexOf("Nonexistent role", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
