using System.Xml.Linq;
using Amazon.Runtime;
using SsmHybridRole.Engine.Iam.Internal;

namespace SsmHybridRole.Engine.Iam.Model
{
    /// <summary>A list request that IAM pages with Marker / MaxItems.</summary>
    public interface IPaginatedRequest
    {
        string? Marker { get; set; }

        int? MaxItems { get; set; }
    }

    /// <summary>A page of a list response: its items, and the marker of the next page when truncated.</summary>
    public interface IPaginatedResponse<out TItem>
    {
        bool IsTruncated { get; }

        string? Marker { get; }

        IEnumerable<TItem> Items { get; }
    }

    /// <summary>Base of IAM's list requests: Marker and MaxItems, written after the request's own members.</summary>
    public abstract class PaginatedRequest : IdentityManagementServiceRequest, IPaginatedRequest
    {
        public string? Marker { get; set; }

        public int? MaxItems { get; set; }

        internal sealed override void WriteParameters(QueryParameterWriter writer)
        {
            WriteListParameters(writer);
            writer.Add("Marker", Marker);
            writer.Add("MaxItems", MaxItems);
        }

        internal abstract void WriteListParameters(QueryParameterWriter writer);
    }

    /// <summary>Base of IAM's list responses: IsTruncated and Marker, read from the result element.</summary>
    public abstract class PaginatedResponse<TItem> : AmazonWebServiceResponse, IPaginatedResponse<TItem>
    {
        public bool IsTruncated { get; set; }

        public string? Marker { get; set; }

        IEnumerable<TItem> IPaginatedResponse<TItem>.Items => PageItems;

        protected abstract IEnumerable<TItem> PageItems { get; }

        internal T WithPaging<T>(XElement? result)
            where T : PaginatedResponse<TItem>
        {
            IsTruncated = result.Bool("IsTruncated");
            Marker = result.Text("Marker");
            return (T)this;
        }
    }
}
