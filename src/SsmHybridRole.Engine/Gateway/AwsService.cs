namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>Base of the services: each reaches AWS through its own gateway, which reports to its caller.</summary>
    internal abstract class AwsService
    {
        protected AwsService(AwsConnection connection, IOperationReporter reporter)
            : this(new AwsGateway(connection, reporter))
        {
        }

        protected AwsService(AwsGateway aws) => Aws = aws ?? throw new ArgumentNullException(nameof(aws));

        protected AwsGateway Aws { get; }

        protected IIdentityManagementService Iam => Aws.Iam;

        protected IOperationReporter Reporter => Aws.Reporter;

        protected AwsConnection Connection => Aws.Connection;
    }
}
