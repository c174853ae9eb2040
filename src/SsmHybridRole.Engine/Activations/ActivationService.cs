using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Consistency;

namespace SsmHybridRole.Engine.Activations
{
    /// <summary>A hybrid activation as SSM returned it. <see cref="ActivationCode"/> is a secret.</summary>
    internal sealed record CreatedActivation(string ActivationId, string ActivationCode, string Region, string IamRole, DateTime? ExpirationDate, int RegistrationLimit, string? DefaultInstanceName)
    {
        /// <summary>Never the code: it is a secret.</summary>
        public override string ToString() => ActivationId;
    }

    /// <summary>
    /// Creates hybrid activations with SSM's CreateActivation (AWSSDK.SimpleSystemsManagement). SSM answers
    /// "Nonexistent role" for a while after a role is created; that is waited out, as Terraform does.
    /// </summary>
    internal sealed class ActivationService : AwsService
    {
        public ActivationService(AwsConnection connection, IOperationReporter reporter)
            : base(connection, reporter)
        {
        }

        public async Task<CreatedActivation> CreateAsync(ActivationSpec spec, CancellationToken cancellationToken)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            spec.Validate(DateTime.UtcNow);
            var region = Connection.Region
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
                response = await Aws.Ssm(region).CreateActivationAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (TransientFailure.IsRoleNotVisibleToSsm(e))
            {
                throw new ServiceCallException(ErrorIds.RoleNotVisibleToSsm, FailureKind.NotFound, Messages.RoleNotVisibleToSsm(spec.IamRole, EventualConsistency.Timeout), spec.RoleName, e.ServiceErrorCode, null, e);
            }
            catch (ServiceCallException e) when (e.ServiceErrorCode == "ValidationException")
            {
                throw new ServiceCallException(ErrorIds.InvalidActivationRequest, FailureKind.InvalidArgument, e.Message, spec.RoleName, e.ServiceErrorCode, null, e);
            }

            Aws.Reporter.Verbose($"Activation {response.ActivationId} created in {region} for at most {request.RegistrationLimit} nodes.");
            return new CreatedActivation(response.ActivationId, response.ActivationCode, region, spec.IamRole, request.ExpirationDate, request.RegistrationLimit ?? 1, spec.DefaultInstanceName);
        }
    }
}
