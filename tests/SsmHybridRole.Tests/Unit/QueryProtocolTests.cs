using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime.Endpoints;
using SsmHybridRole.Engine.Iam.Internal;
using SsmHybridRole.Engine.Iam.Model;
using Xunit;

namespace SsmHybridRole.Tests.Unit
{
    public class QueryProtocolTests
    {
        [Fact]
        public void CreateRole_is_marshalled_as_Query_action_version_and_flattened_tags()
        {
            var request = new CreateRoleRequest
            {
                RoleName = "SSMServiceRole",
                AssumeRolePolicyDocument = "{}",
                MaxSessionDuration = 7200,
                Tags = new List<Tag> { new Tag { Key = "team", Value = "ops" }, new Tag { Key = "env", Value = "" } },
            };

            var marshalled = QueryRequestMarshaller.Instance.Marshall(request);

            Assert.Equal("CreateRole", marshalled.Parameters["Action"]);
            Assert.Equal("2010-05-08", marshalled.Parameters["Version"]);
            Assert.Equal("SSMServiceRole", marshalled.Parameters["RoleName"]);
            Assert.Equal("7200", marshalled.Parameters["MaxSessionDuration"]);
            Assert.Equal("team", marshalled.Parameters["Tags.member.1.Key"]);
            Assert.Equal("ops", marshalled.Parameters["Tags.member.1.Value"]);
            Assert.Equal("env", marshalled.Parameters["Tags.member.2.Key"]);
            Assert.Equal(string.Empty, marshalled.Parameters["Tags.member.2.Value"]);
            Assert.False(marshalled.Parameters.ContainsKey("Path"));
            Assert.False(marshalled.Parameters.ContainsKey("Description"));
        }

        [Theory]
        [InlineData("eu-west-3", "https://iam.amazonaws.com", "us-east-1")]
        [InlineData("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1")]
        [InlineData("us-gov-west-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1")]
        public void The_endpoint_provider_gives_each_partition_its_global_endpoint_and_signing_Region(string region, string url, string signingRegion)
        {
            var parameters = new EndpointParameters { ["Region"] = region, ["UseFIPS"] = false, ["UseDualStack"] = false, ["Endpoint"] = null };

            var endpoint = new IamEndpointProvider().ResolveEndpoint(parameters);

            Assert.Equal(url, endpoint.URL);
            var scheme = ((IEnumerable<object>)endpoint.Attributes["authSchemes"]).Cast<IPropertyBag>().Single();
            Assert.Equal("iam", scheme["signingName"]);
            Assert.Equal(signingRegion, scheme["signingRegion"]);
        }

        [Fact]
        public void A_custom_endpoint_is_used_as_given()
        {
            var parameters = new EndpointParameters { ["Region"] = "us-east-1", ["UseFIPS"] = false, ["UseDualStack"] = false, ["Endpoint"] = "http://127.0.0.1:5000" };

            Assert.Equal("http://127.0.0.1:5000", new IamEndpointProvider().ResolveEndpoint(parameters).URL);
        }
    }
}
