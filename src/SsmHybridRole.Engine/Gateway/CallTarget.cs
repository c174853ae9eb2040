namespace SsmHybridRole.Engine.Gateway
{
    /// <summary>
    /// What one AWS call is about: the role, the managed policy, and any other named thing (an instance
    /// profile, an inline policy, a policy version). It words the verbose line and is the target of the error.
    /// </summary>
    internal readonly struct CallTarget
    {
        private CallTarget(string? roleName, string? policyArn, string? subject)
        {
            RoleName = roleName;
            PolicyArn = policyArn;
            Subject = subject;
        }

        public static CallTarget None => default;

        public string? RoleName { get; }

        public string? PolicyArn { get; }

        public string? Subject { get; }

        /// <summary>What an error is about: the policy when there is one, else the role, else the other thing.</summary>
        public object? ErrorTarget => (object?)PolicyArn ?? RoleName ?? Subject;

        public static CallTarget Role(string? roleName) => new CallTarget(roleName, null, null);

        public static CallTarget Policy(string? policyArn) => new CallTarget(null, policyArn, null);

        public static CallTarget Named(string? subject) => new CallTarget(null, null, subject);

        public CallTarget WithPolicy(string? policyArn) => new CallTarget(RoleName, policyArn, Subject);

        public CallTarget WithSubject(string? subject) => new CallTarget(RoleName, PolicyArn, subject);

        /// <summary>The verbose line for <paramref name="action"/>: "iam:AttachRolePolicy 'ARN' (role 'NAME')."</summary>
        public string Describe(string action)
        {
            var first = Subject ?? PolicyArn ?? RoleName;
            var text = first is null ? action : $"{action} '{first}'";
            if (PolicyArn != null && Subject != null)
            {
                text += $" (policy '{PolicyArn}')";
            }

            if (RoleName != null && !ReferenceEquals(first, RoleName))
            {
                text += $" (role '{RoleName}')";
            }

            return text + ".";
        }
    }
}
