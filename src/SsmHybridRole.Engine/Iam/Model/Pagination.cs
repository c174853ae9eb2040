using System.Collections.Generic;

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
}
