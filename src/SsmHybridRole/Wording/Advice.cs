
namespace SsmHybridRole.Wording
{
    /// <summary>
    /// What to do about a failure, in PowerShell's terms, by error id and by the cmdlet that met it: the commands
    /// and parameters the engine does not know. Advice fits the cmdlet (removing a role that does not exist does
    /// not suggest creating it; only a cmdlet that has -ActivationRegion is told to pass it). An error without an
    /// entry keeps the engine's own advice, which names no command.
    /// </summary>
    internal static class Advice
    {
        private const string CheckProfile = "Check the name with Get-AWSCredential -ListProfileDetail or the files themselves, or pass -ProfileLocation.";
        private const string ForceOrNoConfirm = "Add -Force (or -Confirm:$false) to go on without a question.";

        private static readonly Dictionary<string, Func<object?, string>> ByErrorId = new Dictionary<string, Func<object?, string>>
        {
            [ErrorIds.RoleNotFound] = _ => "Check the name with Get-SsmHybridServiceRole -All, which lists every role that trusts Systems Manager.",
            [ErrorIds.RoleAlreadyExists] = role => $"To bring it to these parameters, run Set-SsmHybridServiceRole with them; to attach more policies, Add-SsmHybridRolePolicy -RoleName {Name(role)} -Policy <name>. To start over, remove it first with Remove-SsmHybridServiceRole -RoleName {Name(role)}.",
            [ErrorIds.RoleCreationIncomplete] = role => $"Finish the clean-up with: Remove-SsmHybridServiceRole -RoleName {Name(role)} -Force",
            [ErrorIds.RoleRemovalIncomplete] = role => $"Run Remove-SsmHybridServiceRole -RoleName {Name(role)} -Force again to finish.",
            [ErrorIds.ConvergenceIncomplete] = _ => "Run the same Set-SsmHybridServiceRole command again: it applies only what is still missing.",
            [ErrorIds.RoleNotVisibleToSsm] = role => $"Check the role with Test-SsmHybridServiceRole -RoleName {Name(role)}; if it was created just now, try again in a minute.",
            [ErrorIds.NotAHybridServiceRole] = role => $"Check the role with Get-SsmHybridServiceRole -RoleName {Name(role)}; to remove it all the same, add -Force.",
            [ErrorIds.RoleInUse] = role => $"Move the nodes first (Get-SsmHybridManagedNode -RoleName {Name(role)} | Set-SsmHybridManagedNode -RoleName <new role>) and remove its activations (Get-SsmHybridActivation -RoleName {Name(role)} | Remove-SsmHybridActivation), or add -Force to remove it all the same.",
            [ErrorIds.RoleInOtherAccount] = _ => "Work on it with credentials of its account (-ProfileName), or converge it there with Set-SsmHybridServiceRole -AccountId, which reaches member accounts.",
            [ErrorIds.RegionRequired] = _ => "Pass -Region, run Set-DefaultAWSRegion, or set AWS_REGION.",
            [ErrorIds.ProfileNotFound] = _ => CheckProfile,
            [ErrorIds.ProfileHasNoCredentials] = _ => CheckProfile,
            [ErrorIds.NoCredentials] = _ => "Pass -ProfileName or -AccessKey/-SecretKey, run Set-AWSCredential, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
            [ErrorIds.ActivationNotFound] = _ => "List the activations with Get-SsmHybridActivation (in the Region the activation was made in: -Region).",
            [ErrorIds.ManagedNodeNotFound] = _ => "List the managed nodes with Get-SsmHybridManagedNode (in the Region the node registered in: -Region).",
            [ErrorIds.ActivationOutcomeUnknown] = mark => $"When Systems Manager answers again, delete it: Get-SsmHybridActivation | Where-Object Description -like '*{WildcardPattern.Escape(mark?.ToString() ?? string.Empty)}' | Remove-SsmHybridActivation",
            [ErrorIds.EndpointUnreachable] = _ => "Check the network path to the endpoint (and -EndpointUrl / AWS_ENDPOINT_URL if set).",
            [ErrorIds.ConfirmationRequired] = _ => "Leave out -Confirm (or pass -Confirm:$false) to go on without a question.",
        };

        /// <summary>Where the advice for an id depends on the cmdlet that met it.</summary>
        private static readonly Dictionary<(string ErrorId, string Command), Func<object?, string>> ByCommand = new Dictionary<(string, string), Func<object?, string>>
        {
            [(ErrorIds.RoleNotFound, "Add-SsmHybridRolePolicy")] = _ => "Check the name with Get-SsmHybridServiceRole -All, or create the role with New-SsmHybridServiceRole.",
            [(ErrorIds.RoleNotFound, "Get-SsmHybridServiceRole")] = _ => "List the roles that trust Systems Manager with Get-SsmHybridServiceRole -All, or create this one with New-SsmHybridServiceRole.",
            [(ErrorIds.RoleNotFound, "Test-SsmHybridServiceRole")] = _ => "Check the name with Get-SsmHybridServiceRole -All, or create the role with New-SsmHybridServiceRole.",
            [(ErrorIds.RoleNotFound, "Remove-SsmHybridServiceRole")] = _ => "Check the name with Get-SsmHybridServiceRole -All; a role that does not exist needs no removal.",
            [(ErrorIds.RoleNotFound, "Set-SsmHybridServiceRole")] = _ => "The role was removed while this command ran; run the same Set-SsmHybridServiceRole command again to create it.",
            [(ErrorIds.RegionRequired, "New-SsmHybridServiceRole")] = _ => "Pass -Region (or -ActivationRegion), run Set-DefaultAWSRegion, or set AWS_REGION.",
            [(ErrorIds.RegionRequired, "Set-SsmHybridServiceRole")] = _ => "Pass -Region (or -ActivationRegion), run Set-DefaultAWSRegion, or set AWS_REGION.",
            [(ErrorIds.RegionRequired, "Test-SsmHybridServiceRole")] = _ => "Pass -Region (or -ActivationRegion), run Set-DefaultAWSRegion, or set AWS_REGION.",
            [(ErrorIds.RegionRequired, "New-SsmHybridTrustPolicy")] = _ => "Pass -ActivationRegion, run Set-DefaultAWSRegion, or set AWS_REGION.",
            [(ErrorIds.ConfirmationRequired, "Remove-SsmHybridRolePolicy")] = _ => "Add -Force to detach it without a question.",
            [(ErrorIds.ConfirmationRequired, "Remove-SsmHybridServiceRole")] = _ => "Add -Confirm:$false to remove it without a question; the ownership and in-use checks still run (-Force skips them too).",
            [(ErrorIds.ConfirmationRequired, "Set-SsmHybridInstanceTier")] = _ => ForceOrNoConfirm,
            [(ErrorIds.ConfirmationRequired, "Remove-SsmHybridActivation")] = _ => ForceOrNoConfirm,
            [(ErrorIds.ConfirmationRequired, "Unregister-SsmHybridManagedNode")] = _ => ForceOrNoConfirm,
        };

        /// <summary>The advice for <paramref name="exception"/> met by the cmdlet named <paramref name="command"/>.</summary>
        public static string? For(SsmHybridRoleException exception, string? command)
            => For(exception.ErrorId, command, exception.Target, exception.RecommendedAction);

        /// <summary>The advice for an error id met by a cmdlet, about <paramref name="target"/>; else <paramref name="engineAdvice"/>.</summary>
        public static string? For(string errorId, string? command, object? target, string? engineAdvice = null)
            => command != null && ByCommand.TryGetValue((errorId, command), out var own) ? own(target)
                : ByErrorId.TryGetValue(errorId, out var advice) ? advice(target)
                : engineAdvice;

        /// <summary>The error ids that have advice of their own here.</summary>
        internal static IEnumerable<string> ErrorIdsWithAdvice => ByErrorId.Keys.Concat(ByCommand.Keys.Select(k => k.ErrorId)).Distinct();

        /// <summary>A role name as a PowerShell argument: quoted when it holds a character PowerShell would read (role names may hold , and @).</summary>
        private static string Name(object? role)
            => role?.ToString() is { Length: > 0 } name ? (name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '+' or '=') ? name : CommandText.Quote(name)) : "<name>";
    }
}
