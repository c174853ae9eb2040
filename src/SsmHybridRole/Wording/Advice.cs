
namespace SsmHybridRole.Wording
{
    /// <summary>
    /// What to do about a failure, in PowerShell's terms, by error id: the commands and parameters the engine
    /// does not know. An error without an entry keeps the engine's own advice (which names no command).
    /// </summary>
    internal static class Advice
    {
        private const string CheckProfile = "Check the name with Get-AWSCredential -ListProfileDetail or the files themselves, or pass -ProfileLocation.";

        private static readonly Dictionary<string, System.Func<object?, string>> ByErrorId = new Dictionary<string, System.Func<object?, string>>
        {
            [ErrorIds.RoleNotFound] = _ => "Check the name with Get-SsmHybridServiceRole, or create the role with New-SsmHybridServiceRole.",
            [ErrorIds.RoleAlreadyExists] = role => $"To attach more policies to it, run: Add-SsmHybridRolePolicy -RoleName {Name(role)} -Policy <name>. To start over, remove it first with Remove-SsmHybridServiceRole -RoleName {Name(role)}.",
            [ErrorIds.RoleCreationIncomplete] = role => $"Finish the clean-up with: Remove-SsmHybridServiceRole -RoleName {Name(role)} -Force",
            [ErrorIds.RoleRemovalIncomplete] = role => $"Run Remove-SsmHybridServiceRole -RoleName {Name(role)} -Force again to finish.",
            [ErrorIds.ConvergenceIncomplete] = _ => "Run the same Set-SsmHybridServiceRole command again: it applies only what is still missing.",
            [ErrorIds.RoleNotVisibleToSsm] = role => $"Check the role with Test-SsmHybridServiceRole -RoleName {Name(role)}; if it was created just now, try again in a minute.",
            [ErrorIds.NotAHybridServiceRole] = role => $"Check the role with Get-SsmHybridServiceRole -RoleName {Name(role)}; to remove it all the same, add -Force.",
            [ErrorIds.RoleInUse] = role => $"Move the nodes first (Get-SsmHybridManagedNode -RoleName {Name(role)} | Set-SsmHybridManagedNode -RoleName <new role>) and remove its activations (Get-SsmHybridActivation -RoleName {Name(role)} | Remove-SsmHybridActivation), or add -Force to remove it all the same.",
            [ErrorIds.RegionRequired] = _ => "Pass -Region (or -ActivationRegion), run Set-DefaultAWSRegion, or set AWS_REGION.",
            [ErrorIds.ProfileNotFound] = _ => CheckProfile,
            [ErrorIds.ProfileHasNoCredentials] = _ => CheckProfile,
            [ErrorIds.NoCredentials] = _ => "Pass -ProfileName or -AccessKey/-SecretKey, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
            [ErrorIds.ActivationNotFound] = _ => "List the activations with Get-SsmHybridActivation (in the Region the activation was made in: -Region).",
            [ErrorIds.ManagedNodeNotFound] = _ => "List the managed nodes with Get-SsmHybridManagedNode (in the Region the node registered in: -Region).",
            [ErrorIds.ActivationOutcomeUnknown] = mark => $"When Systems Manager answers again, delete it: Get-SsmHybridActivation | Where-Object Description -like '*{mark}' | Remove-SsmHybridActivation",
            [ErrorIds.EndpointUnreachable] = _ => "Check the network path to the endpoint (and -EndpointUrl / AWS_ENDPOINT_URL if set).",
        };

        public static string? For(SsmHybridRoleException exception)
            => ByErrorId.TryGetValue(exception.ErrorId, out var advice) ? advice(exception.Target) : exception.RecommendedAction;

        private static string Name(object? role) => role?.ToString() ?? "NAME";
    }
}
