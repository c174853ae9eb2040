using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Consistency;

namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>The Systems Manager operations the module uses, in one Region.</summary>
    internal interface ISystemsManagerService
    {
        Task<CreateActivationResponse> CreateActivationAsync(CreateActivationRequest request, CancellationToken cancellationToken);
    }

    /// <summary>Systems Manager behind the gateway, over AWSSDK.SimpleSystemsManagement's client.</summary>
    internal sealed class SsmGateway : ISystemsManagerService
    {
        private readonly AwsGateway gateway;
        private readonly IAmazonSimpleSystemsManagement ssm;
        private readonly string region;

        public SsmGateway(AwsGateway gateway, IAmazonSimpleSystemsManagement ssm, string region)
        {
            this.gateway = gateway;
            this.ssm = ssm;
            this.region = region;
        }

        public Task<CreateActivationResponse> CreateActivationAsync(CreateActivationRequest request, CancellationToken cancellationToken)
            => gateway.CallAsync(
                "ssm:CreateActivation",
                CallTarget.Role(request.IamRole).WithSubject(region),
                () => ssm.CreateActivationAsync(request, cancellationToken),
                new[] { TransientFailure.RoleNotVisibleToSsm(request.IamRole) },
                cancellationToken);
    }
}
