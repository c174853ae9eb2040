namespace SsmHybridRole.Engine.Consistency
{
    /// <summary>
    /// A failure that passes with time, as the AWS peers (Terraform among them) treat it: which translated
    /// error it is, and what the wait is called in progress. The gateway picks these per operation.
    /// </summary>
    internal sealed class TransientFailure
    {
        private readonly Func<Exception, bool> matches;

        private TransientFailure(string waitingFor, Func<Exception, bool> matches)
        {
            WaitingFor = waitingFor;
            this.matches = matches;
        }

        public string WaitingFor { get; }

        /// <summary>IAM does not know ssm.amazonaws.com as a principal yet (MalformedPolicyDocument "Invalid principal").</summary>
        public static TransientFailure InvalidPrincipal { get; } = new TransientFailure(
            "Waiting for IAM to accept principal ssm.amazonaws.com",
            e => e is ServiceCallException { ErrorId: ErrorIds.MalformedPolicyDocument } m && m.Message.IndexOf("Invalid principal", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>Another change to the same entity is still being applied (409 ConcurrentModification).</summary>
        public static TransientFailure ConcurrentModification(string roleName) => new TransientFailure(
            $"Waiting for another change to role '{roleName}' to finish",
            e => e is ServiceCallException { ServiceErrorCode: "ConcurrentModification" });

        /// <summary>DeleteRole right after its policies were detached: IAM has not released them yet.</summary>
        public static TransientFailure DeleteConflict(string roleName) => new TransientFailure(
            $"Waiting for IAM to release role '{roleName}'",
            e => e is ServiceCallException { ErrorId: ErrorIds.DeleteConflict });

        /// <summary>NoSuchEntity for a role this process created moments ago: IAM has not propagated it.</summary>
        public static TransientFailure NewRoleNotVisible(string connectionKey, string roleName) => new TransientFailure(
            $"Waiting for IAM to propagate new role '{roleName}'",
            e => e is SsmHybridRoleException { ErrorId: ErrorIds.RoleNotFound } && EventualConsistency.IsRecentlyCreated(connectionKey, roleName));

        /// <summary>SSM's "Nonexistent role" right after the role was made: IAM has not reached Systems Manager yet.</summary>
        public static TransientFailure RoleNotVisibleToSsm(string iamRole) => new TransientFailure(
            $"Waiting for Systems Manager to see role '{iamRole}'",
            IsRoleNotVisibleToSsm);

        public static bool IsRoleNotVisibleToSsm(Exception e)
            => e is ServiceCallException { Kind: FailureKind.ServiceFailure } failure
               && failure.InnerException is Amazon.Runtime.AmazonServiceException service
               && service.Message.IndexOf("Nonexistent role", StringComparison.OrdinalIgnoreCase) >= 0;

        public bool Matches(Exception e) => matches(e);
    }
}
