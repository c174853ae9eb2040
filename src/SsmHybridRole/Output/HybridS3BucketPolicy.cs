namespace SsmHybridRole
{
    /// <summary>
    /// The custom S3 bucket policy as New-SsmHybridS3BucketPolicy leaves it. PolicyArn binds by property
    /// name to Add-SsmHybridRolePolicy and New-SsmHybridServiceRole.
    /// </summary>
    public sealed class HybridS3BucketPolicy
    {
        public string PolicyName { get; set; } = string.Empty;

        public string PolicyArn { get; set; } = string.Empty;

        /// <summary>The policy document (JSON).</summary>
        public string Document { get; set; } = string.Empty;

        /// <summary>The default version after the call, e.g. v1.</summary>
        public string VersionId { get; set; } = string.Empty;

        /// <summary>Created, Updated (a new default version) or Unchanged.</summary>
        public string Outcome { get; set; } = string.Empty;

        public override string ToString() => PolicyArn;
    }
}
