namespace SsmHybridRole.Engine.Connections
{
    /// <summary>The process environment as the connection code reads it; replaceable so tests need not touch the process.</summary>
    internal static class EnvironmentVariables
    {
        public static Func<string, string?> Read { get; set; } = Environment.GetEnvironmentVariable;

        /// <summary>The first value that is set and not blank.</summary>
        public static string? FirstSet(params string?[] values)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }

            return null;
        }
    }
}
