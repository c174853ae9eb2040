namespace SsmHybridRole.Engine.Aws
{
    /// <summary>The names AWS's procedure and the module use by default, each in one place.</summary>
    internal static class KnownNames
    {
        /// <summary>The role name of AWS's procedure ("Create an IAM service role for a hybrid environment").</summary>
        public const string DefaultRoleName = "SSMServiceRole";

        /// <summary>The name AWS suggests for the custom S3 bucket policy.</summary>
        public const string DefaultS3PolicyName = "SSMInstanceProfileS3Policy";

        /// <summary>The role AWS Organizations creates in member accounts, assumed to reach them.</summary>
        public const string DefaultAssumeRoleName = "OrganizationAccountAccessRole";

        /// <summary>The service principal of Systems Manager, the same in every partition.</summary>
        public const string SsmServicePrincipal = "ssm.amazonaws.com";

        public const string AssumeRoleAction = "sts:AssumeRole";

        /// <summary>
        /// The tag the module puts on every role it creates; its value is the id of that one creation, so a
        /// lost answer to CreateRole can be told from someone else's role of the same name.
        /// </summary>
        public const string CreationMarkerTag = "SsmHybridRole:CreationId";
    }
}
