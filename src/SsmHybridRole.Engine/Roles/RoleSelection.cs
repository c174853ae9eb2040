namespace SsmHybridRole.Engine.Roles
{
    /// <summary>Which listed roles a command means: the names it matches, and whether only hybrid service roles count.</summary>
    internal sealed record RoleSelection(Func<string, bool> Matches, bool HybridOnly);
}
