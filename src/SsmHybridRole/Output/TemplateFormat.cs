namespace SsmHybridRole
{
    /// <summary>What Export-SsmHybridRoleTemplate writes: CloudFormation JSON or YAML.</summary>
    public enum TemplateFormat
    {
        Json,
        Yaml,
    }
}
