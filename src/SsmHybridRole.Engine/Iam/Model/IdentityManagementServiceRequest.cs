using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

namespace SsmHybridRole.Engine.Iam.Model
{
    /// <summary>Base of every IAM request: names its Query action and writes its own parameters.</summary>
    public abstract class IdentityManagementServiceRequest : AmazonWebServiceRequest
    {
        internal abstract string Action { get; }

        internal abstract void WriteParameters(QueryParameterWriter writer);
    }
}
