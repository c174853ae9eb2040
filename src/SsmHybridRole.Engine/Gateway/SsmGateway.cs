using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using SsmHybridRole.Engine.Consistency;

namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>The Systems Manager operations the module uses, in one Region.</summary>
    internal interface ISystemsManagerService
    {
        string Region { get; }

        Task<CreateActivationResponse> CreateActivationAsync(CreateActivationRequest request, CancellationToken cancellationToken);

        Task<DescribeActivationsResponse> DescribeActivationsAsync(DescribeActivationsRequest request, CancellationToken cancellationToken);

        Task<DeleteActivationResponse> DeleteActivationAsync(string activationId, CancellationToken cancellationToken);

        Task<DescribeInstanceInformationResponse> DescribeInstanceInformationAsync(DescribeInstanceInformationRequest request, CancellationToken cancellationToken);

        Task<UpdateManagedInstanceRoleResponse> UpdateManagedInstanceRoleAsync(string instanceId, string iamRole, CancellationToken cancellationToken);

        Task<DeregisterManagedInstanceResponse> DeregisterManagedInstanceAsync(string instanceId, CancellationToken cancellationToken);

        Task<GetServiceSettingResponse> GetServiceSettingAsync(string settingId, CancellationToken cancellationToken);

        Task<UpdateServiceSettingResponse> UpdateServiceSettingAsync(string settingId, string value, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Systems Manager behind the gateway, over AWSSDK.SimpleSystemsManagement's client. SSM's own error codes
    /// for a missing activation, managed node or setting become the engine's ids here, after the gateway's
    /// common translation.
    /// </summary>
    internal sealed class SsmGateway : ISystemsManagerService
    {
        private readonly AwsGateway gateway;
        private readonly IAmazonSimpleSystemsManagement ssm;

        public SsmGateway(AwsGateway gateway, IAmazonSimpleSystemsManagement ssm, string region)
        {
            this.gateway = gateway;
            this.ssm = ssm;
            Region = region;
        }

        public string Region { get; }

        public Task<CreateActivationResponse> CreateActivationAsync(CreateActivationRequest request, CancellationToken cancellationToken)
            => gateway.CallAsync(
                "ssm:CreateActivation",
                CallTarget.Role(request.IamRole).WithSubject(Region),
                () => ssm.CreateActivationAsync(request, CancellationToken.None),
                new[] { TransientFailure.RoleNotVisibleToSsm(request.IamRole) },
                cancellationToken);

        public Task<DescribeActivationsResponse> DescribeActivationsAsync(DescribeActivationsRequest request, CancellationToken cancellationToken)
            => Call("ssm:DescribeActivations", CallTarget.Named(Region), () => ssm.DescribeActivationsAsync(request, CancellationToken.None), cancellationToken);

        public Task<DeleteActivationResponse> DeleteActivationAsync(string activationId, CancellationToken cancellationToken)
            => Call("ssm:DeleteActivation", CallTarget.Named(activationId), () => ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activationId }, CancellationToken.None), cancellationToken);

        public Task<DescribeInstanceInformationResponse> DescribeInstanceInformationAsync(DescribeInstanceInformationRequest request, CancellationToken cancellationToken)
            => Call("ssm:DescribeInstanceInformation", CallTarget.Named(Region), () => ssm.DescribeInstanceInformationAsync(request, CancellationToken.None), cancellationToken);

        public Task<UpdateManagedInstanceRoleResponse> UpdateManagedInstanceRoleAsync(string instanceId, string iamRole, CancellationToken cancellationToken)
            => Translated(
                instanceId,
                gateway.CallAsync(
                    "ssm:UpdateManagedInstanceRole",
                    CallTarget.Role(iamRole).WithSubject(instanceId),
                    () => ssm.UpdateManagedInstanceRoleAsync(new UpdateManagedInstanceRoleRequest { InstanceId = instanceId, IamRole = iamRole }, CancellationToken.None),
                    new[] { TransientFailure.RoleNotVisibleToSsm(iamRole) },
                    cancellationToken));

        public Task<DeregisterManagedInstanceResponse> DeregisterManagedInstanceAsync(string instanceId, CancellationToken cancellationToken)
            => Call("ssm:DeregisterManagedInstance", CallTarget.Named(instanceId), () => ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = instanceId }, CancellationToken.None), cancellationToken);

        public Task<GetServiceSettingResponse> GetServiceSettingAsync(string settingId, CancellationToken cancellationToken)
            => Call("ssm:GetServiceSetting", CallTarget.Named(settingId), () => ssm.GetServiceSettingAsync(new GetServiceSettingRequest { SettingId = settingId }, CancellationToken.None), cancellationToken);

        public Task<UpdateServiceSettingResponse> UpdateServiceSettingAsync(string settingId, string value, CancellationToken cancellationToken)
            => Call("ssm:UpdateServiceSetting", CallTarget.Named(settingId), () => ssm.UpdateServiceSettingAsync(new UpdateServiceSettingRequest { SettingId = settingId, SettingValue = value }, CancellationToken.None), cancellationToken);

        private Task<T> Call<T>(string action, CallTarget target, Func<Task<T>> send, CancellationToken cancellationToken)
            => Translated(target.ErrorTarget, gateway.CallAsync(action, target, send, AwsGateway.NoWaits, cancellationToken));

        /// <summary>SSM's answers for a thing that is not there (or not this caller's), as the engine's ids.</summary>
        private static async Task<T> Translated<T>(object? about, Task<T> call)
        {
            try
            {
                return await call.ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (SsmFailure(e) is { } id)
            {
                var kind = id == ErrorIds.SsmTooManyUpdates ? FailureKind.Conflict : FailureKind.NotFound;
                throw new ServiceCallException(id, kind, e.Message, about, e.ServiceErrorCode, null, e);
            }
        }

        private static string? SsmFailure(ServiceCallException e) => e.ServiceErrorCode switch
        {
            "InvalidInstanceId" => ErrorIds.ManagedNodeNotFound,
            "InvalidActivationId" or "InvalidActivation" => ErrorIds.ActivationNotFound,
            "ServiceSettingNotFound" => ErrorIds.ServiceSettingNotFound,
            "TooManyUpdates" => ErrorIds.SsmTooManyUpdates,
            _ => null,
        };
    }
}
