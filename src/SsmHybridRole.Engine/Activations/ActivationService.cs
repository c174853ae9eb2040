using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Consistency;
using SsmHybridRole.Engine.Gateway;

namespace SsmHybridRole.Engine.Activations
{
    /// <summary>A hybrid activation as SSM returned it. <see cref="ActivationCode"/> is a secret.</summary>
    internal sealed class CreatedActivation
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
    internal sealed class ActivationService
    {
        private readonly AwsGateway aws;

        public ActivationService(AwsConnection connection, IOperationReporter reporter)
        {
            aws = new AwsGateway(connection, reporter);
        }

        public async Task<CreatedActivation> CreateAsync(ActivationSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            spec.Validate(DateTime.UtcNow);
            var region = aws.Connection.Region
                ?? throw new SsmHybridRoleException(ErrorIds.RegionRequired, FailureKind.Configuration, Messages.NoRegion);
            var request = new CreateActivationRequest
            {
                IamRole = spec.IamRole,
                RegistrationLimit = spec.RegistrationLimit ?? 1,
                Description = spec.Description,
                DefaultInstanceName = spec.DefaultInstanceName,
                ExpirationDate = spec.ExpirationDate?.ToUniversalTime(),
                Tags = spec.Tags.Count == 0 ? null : spec.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };

            CreateActivationResponse response;
            try
            {
                response = await aws.Ssm(region).CreateActivationAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (TransientFailure.IsRoleNotVisibleToSsm(e))
            {
                throw new ServiceCallException(ErrorIds.RoleNotVisibleToSsm, FailureKind.NotFound, Messages.RoleNotVisibleToSsm(spec.IamRole, EventualConsistency.Timeout), spec.RoleName, e.ServiceErrorCode, null, e);
            }
            catch (ServiceCallException e) when (e.ServiceErrorCode == "ValidationException")
            {
                throw new ServiceCallException(ErrorIds.InvalidActivationRequest, FailureKind.InvalidArgument, e.Message, spec.RoleName, e.ServiceErrorCode, null, e);
            }

            aws.Reporter.Verbose($"Activation {response.ActivationId} created in {region} for at most {request.RegistrationLimit} nodes.");
            return new CreatedActivation(response.ActivationId, response.ActivationCode, region, spec.IamRole, request.ExpirationDate, request.RegistrationLimit ?? 1, spec.DefaultInstanceName);
        }
    }
}
