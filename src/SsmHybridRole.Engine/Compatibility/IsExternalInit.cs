namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets records and init accessors compile for netstandard2.0 and .NET Framework 4.7.2, whose runtime
    /// libraries do not declare this marker type; the compiler needs only its name.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
