using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>
    /// Reads a Query protocol response (&lt;ActionResponse&gt;&lt;ActionResult&gt;...) into a response object, and
    /// an error response into the typed IAM exception for its code. Plugged into the SDK pipeline like a
    /// generated unmarshaller, so retries, clock-skew correction and logging all still apply.
    /// </summary>
    internal sealed class QueryResponseUnmarshaller<TResponse> : XmlResponseUnmarshaller
        where TResponse : AmazonWebServiceResponse, new()
    {
        private readonly string resultElementName;
        private readonly Func<XElement?, TResponse> read;

        public QueryResponseUnmarshaller(string action, Func<XElement?, TResponse> read)
        {
            resultElementName = action + "Result";
            this.read = read;
        }

        public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
        {
            var root = XDocument.Load(context.Stream).Root;
            var response = read(root.Child(resultElementName));
            response.ResponseMetadata = new ResponseMetadata { RequestId = root.Child("ResponseMetadata").Text("RequestId") };
            return response;
        }

        public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(context);
            return IamErrorCodes.ToException(error.Code, error.Message, error.RequestId, error.Type, innerException, statusCode);
        }
    }
}
