using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>Every IAM operation is signed with SigV4; the SDK's signer does the signing.</summary>
    internal sealed class IamAuthSchemeHandler : BaseAuthResolverHandler
    {
        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
            => AuthSchemeOption.DEFAULT_SIGV4;
    }
}
