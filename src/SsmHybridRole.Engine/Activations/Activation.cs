namespace SsmHybridRole.Engine.Activations
{
    /// <summary>A hybrid activation as SSM returned it. <see cref="ActivationCode"/> is a secret.</summary>
    internal sealed record CreatedActivation(string ActivationId, string ActivationCode, string Region, string IamRole, DateTime? ExpirationDate, int RegistrationLimit, string? DefaultInstanceName, string Description)
    {
        /// <summary>Never the code: it is a secret.</summary>
        public override string ToString() => ActivationId;
    }

    /// <summary>A hybrid activation as DescribeActivations lists it: everything but the code, which SSM never returns.</summary>
    internal sealed record ListedActivation(
        string ActivationId,
        string Region,
        string IamRole,
        string? Description,
        string? DefaultInstanceName,
        int RegistrationLimit,
        int RegistrationsCount,
        DateTime? ExpirationDate,
        bool Expired,
        DateTime? CreatedDate,
        IReadOnlyDictionary<string, string> Tags);

    /// <summary>Which activations to list: all, or those of one role and/or with given ids (both must hold).</summary>
    internal sealed record ActivationFilter(string? IamRole, IReadOnlyList<string> ActivationIds);
}
