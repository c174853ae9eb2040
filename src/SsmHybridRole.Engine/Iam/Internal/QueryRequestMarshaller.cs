using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using SsmHybridRole.Engine.Iam.Model;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>
    /// One marshaller for every IAM operation: the Query protocol is Action + Version + flattened members,
    /// which the SDK's pipeline then form-encodes, signs and sends.
    /// </summary>
    internal sealed class QueryRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        public static readonly QueryRequestMarshaller Instance = new QueryRequestMarshaller();

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            if (input is not IdentityManagementServiceRequest request)
            {
                throw new ArgumentException("Not an IAM request: " + input?.GetType().Name, nameof(input));
            }

            var marshalled = new DefaultRequest(request, "IAM");
            marshalled.Parameters.Add("Action", request.Action);
            marshalled.Parameters.Add("Version", "2010-05-08");
            request.WriteParameters(new QueryParameterWriter(marshalled.Parameters));
            return marshalled;
        }
    }
}
