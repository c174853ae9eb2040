using SsmHybridRole.Engine.Connections;
using SsmHybridRole.Engine.Roles;

namespace SsmHybridRole.Wording
{
    /// <summary>
    /// What the engine says as data, written as PowerShell: remedies as command lines, references to
    /// parameters as -Name, and where credentials came from in the parameters' terms.
    /// </summary>
    internal static class CommandText
    {
        private static readonly Dictionary<RemedyCommand, string> Commands = new Dictionary<RemedyCommand, string>
        {
            [RemedyCommand.NewRole] = "New-SsmHybridServiceRole",
            [RemedyCommand.SetRole] = "Set-SsmHybridServiceRole",
            [RemedyCommand.AddPolicy] = "Add-SsmHybridRolePolicy",
            [RemedyCommand.RemovePolicy] = "Remove-SsmHybridRolePolicy",
        };

        /// <summary>A remedy as the command line that runs it.</summary>
        public static string? Of(Remedy? remedy)
            => remedy is null ? null : Commands[remedy.Command] + string.Concat(remedy.Arguments.Select(a => " -" + a.Name + Value(a)));

        /// <summary>A rule or message with each {Name} parameter reference written as -Name.</summary>
        public static string Parameters(string text) => InvalidParameterException.RenderRule(text, name => "-" + name);

        /// <summary>What a secret parameter shows once the command has read it (in $Error, in MyInvocation).</summary>
        public const string MaskedSecret = "********";

        /// <summary>The prompt for an MFA code, and the name of the one field it asks for.</summary>
        public static string MfaPrompt(string mfaSerial) => $"Enter the MFA code for {mfaSerial}.";

        public const string MfaCodeField = "MFA code";

        /// <summary>A change that asks first, refused because nobody can answer in this session.</summary>
        public static string ConfirmationRequired(string target, string action)
            => $"\"{action}\" on {target} asks for confirmation, and nobody can answer in this session (it runs with -NonInteractive, its input is redirected, or its host has no user interface). Nothing was changed.";

        /// <summary>Where credentials came from, in the parameters' terms: "-AccessKey AKIA...WXYZ".</summary>
        public static string Of(CredentialSource source) => source.Kind switch
        {
            CredentialSourceKind.ExplicitKeys => "-AccessKey " + source.Detail + (source.WithSessionToken ? " with a session token" : string.Empty),
            CredentialSourceKind.CredentialObject => "-Credential",
            CredentialSourceKind.SessionCredentials => source.Detail.Length == 0 ? "$StoredAWSCredentials (Set-AWSCredential)" : $"$StoredAWSCredentials '{source.Detail}' (Set-AWSCredential)",
            CredentialSourceKind.AssumedRole => $"role {source.Detail}, assumed with {Of(source.Via!)}",
            _ => source.ToString(),
        };

        /// <summary>The line a cmdlet writes when it first uses a connection.</summary>
        public static string Using(AwsConnection connection)
            => $"Using credentials from {Of(connection.CredentialSource)}, Region {connection.Region ?? "(none; partition aws assumed)"}, IAM endpoint {connection.IamEndpoint}.";

        /// <summary>A value quoted for PowerShell: single quotes, with each quote doubled.</summary>
        public static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

        private static string Value(RemedyArgument argument) => argument.Kind switch
        {
            RemedyValueKind.Text => " " + Quote(argument.Values[0]),
            RemedyValueKind.Placeholder => " <" + argument.Values[0] + ">",
            RemedyValueKind.Switch => string.Empty,
            _ => " " + string.Join(",", argument.Values),
        };
    }
}
