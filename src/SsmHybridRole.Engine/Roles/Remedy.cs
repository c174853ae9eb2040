namespace SsmHybridRole.Engine.Roles
{
    /// <summary>The module's operations a remedy can name; the cmdlets assembly knows each one's command.</summary>
    internal enum RemedyCommand
    {
        NewRole,
        SetRole,
        AddPolicy,
        RemovePolicy,
    }

    /// <summary>How a remedy's value is written: quoted text, a bare token (a name, an ARN), a list of tokens, or a placeholder.</summary>
    internal enum RemedyValueKind
    {
        Text,
        Token,
        List,
        Placeholder,
        Switch,
    }

    /// <summary>One argument of a remedy: the parameter it sets and its value(s).</summary>
    internal sealed record RemedyArgument(string Name, RemedyValueKind Kind, IReadOnlyList<string> Values);

    /// <summary>
    /// What to run to fix a finding, as data: an operation of the module and its arguments. The engine knows
    /// no command syntax; the cmdlets assembly writes this as a command line.
    /// </summary>
    internal sealed class Remedy
    {
        private Remedy(RemedyCommand command, IReadOnlyList<RemedyArgument> arguments)
        {
            Command = command;
            Arguments = arguments;
        }

        public RemedyCommand Command { get; }

        public IReadOnlyList<RemedyArgument> Arguments { get; }

        public static Remedy Run(RemedyCommand command) => new Remedy(command, Array.Empty<RemedyArgument>());

        public Remedy Text(string name, string value) => With(name, RemedyValueKind.Text, value);

        public Remedy Token(string name, string value) => With(name, RemedyValueKind.Token, value);

        public Remedy List(string name, IEnumerable<string> values) => With(name, RemedyValueKind.List, values.ToArray());

        /// <summary>A value the user has to choose, described in words.</summary>
        public Remedy Placeholder(string name, string description) => With(name, RemedyValueKind.Placeholder, description);

        /// <summary>A switch parameter, set.</summary>
        public Remedy Flag(string name) => With(name, RemedyValueKind.Switch);

        /// <summary>A neutral rendering for logs and debuggers; the cmdlets write the real command.</summary>
        public override string ToString()
            => Command + string.Concat(Arguments.Select(a => " " + a.Name + (a.Values.Count == 0 ? string.Empty : "=" + string.Join(",", a.Values))));

        private Remedy With(string name, RemedyValueKind kind, params string[] values)
            => new Remedy(Command, Arguments.Concat(new[] { new RemedyArgument(name, kind, values) }).ToList());
    }
}
