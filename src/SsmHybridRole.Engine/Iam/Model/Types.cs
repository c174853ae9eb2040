using System.Xml.Linq;
using SsmHybridRole.Engine.Iam.Internal;

// IAM's data types, kept together as the service model groups them.
namespace SsmHybridRole.Engine.Iam.Model
{
    /// <summary>An IAM role as GetRole, CreateRole and ListRoles return it.</summary>
    public sealed class Role
    {
        public string Arn { get; set; } = string.Empty;
        public string RoleName { get; set; } = string.Empty;
        public string RoleId { get; set; } = string.Empty;
        public string Path { get; set; } = "/";
        public DateTime? CreateDate { get; set; }
        public string? Description { get; set; }
        public int? MaxSessionDuration { get; set; }

        /// <summary>The trust policy exactly as IAM returns it: URL-encoded (RFC 3986).</summary>
        public string? AssumeRolePolicyDocument { get; set; }
        public AttachedPermissionsBoundary? PermissionsBoundary { get; set; }
        public List<Tag> Tags { get; set; } = new List<Tag>();
        public RoleLastUsed? RoleLastUsed { get; set; }

        internal static Role Read(XElement? element) => new Role
        {
            Arn = element.Text("Arn") ?? string.Empty,
            RoleName = element.Text("RoleName") ?? string.Empty,
            RoleId = element.Text("RoleId") ?? string.Empty,
            Path = element.Text("Path") ?? "/",
            CreateDate = element.Date("CreateDate"),
            Description = element.Text("Description"),
            MaxSessionDuration = element.Int("MaxSessionDuration"),
            AssumeRolePolicyDocument = element.Text("AssumeRolePolicyDocument"),
            PermissionsBoundary = element.Child("PermissionsBoundary") is { } boundary
                ? new AttachedPermissionsBoundary { PermissionsBoundaryArn = boundary.Text("PermissionsBoundaryArn"), PermissionsBoundaryType = boundary.Text("PermissionsBoundaryType") }
                : null,
            Tags = element.Members("Tags").Select(Tag.Read).ToList(),
            RoleLastUsed = element.Child("RoleLastUsed") is { } used
                ? new RoleLastUsed { LastUsedDate = used.Date("LastUsedDate"), Region = used.Text("Region") }
                : null,
        };
    }

    public sealed class AttachedPermissionsBoundary
    {
        public string? PermissionsBoundaryArn { get; set; }
        public string? PermissionsBoundaryType { get; set; }
    }

    public sealed class RoleLastUsed
    {
        public DateTime? LastUsedDate { get; set; }
        public string? Region { get; set; }
    }

    public sealed class Tag
    {
        public string Key { get; set; } = string.Empty;
        public string Value { get; set; } = string.Empty;

        internal static Tag Read(XElement element) => new Tag { Key = element.Text("Key") ?? string.Empty, Value = element.Text("Value") ?? string.Empty };
    }

    public sealed class AttachedPolicy
    {
        public string PolicyName { get; set; } = string.Empty;
        public string PolicyArn { get; set; } = string.Empty;

        internal static AttachedPolicy Read(XElement element) => new AttachedPolicy { PolicyName = element.Text("PolicyName") ?? string.Empty, PolicyArn = element.Text("PolicyArn") ?? string.Empty };
    }

    public sealed class InstanceProfile
    {
        public string InstanceProfileName { get; set; } = string.Empty;
        public string Arn { get; set; } = string.Empty;
        public string Path { get; set; } = "/";

        internal static InstanceProfile Read(XElement element) => new InstanceProfile
        {
            InstanceProfileName = element.Text("InstanceProfileName") ?? string.Empty,
            Arn = element.Text("Arn") ?? string.Empty,
            Path = element.Text("Path") ?? "/",
        };
    }

    /// <summary>A managed policy as CreatePolicy and GetPolicy return it.</summary>
    public sealed class ManagedPolicy
    {
        public string PolicyName { get; set; } = string.Empty;
        public string Arn { get; set; } = string.Empty;
        public string Path { get; set; } = "/";
        public string? DefaultVersionId { get; set; }
        public int? AttachmentCount { get; set; }
        public bool IsAttachable { get; set; }
        public string? Description { get; set; }
        public DateTime? CreateDate { get; set; }
        public List<Tag> Tags { get; set; } = new List<Tag>();

        internal static ManagedPolicy Read(XElement? element) => new ManagedPolicy
        {
            Tags = element.Members("Tags").Select(Tag.Read).ToList(),
            PolicyName = element.Text("PolicyName") ?? string.Empty,
            Arn = element.Text("Arn") ?? string.Empty,
            Path = element.Text("Path") ?? "/",
            DefaultVersionId = element.Text("DefaultVersionId"),
            AttachmentCount = element.Int("AttachmentCount"),
            IsAttachable = element.Bool("IsAttachable"),
            Description = element.Text("Description"),
            CreateDate = element.Date("CreateDate"),
        };
    }

    /// <summary>One version of a customer managed policy; Document is IAM's URL-encoded text.</summary>
    public sealed class PolicyVersion
    {
        public string VersionId { get; set; } = string.Empty;
        public bool IsDefaultVersion { get; set; }
        public DateTime? CreateDate { get; set; }
        public string? Document { get; set; }

        internal static PolicyVersion Read(XElement? element) => new PolicyVersion
        {
            VersionId = element.Text("VersionId") ?? string.Empty,
            IsDefaultVersion = element.Bool("IsDefaultVersion"),
            CreateDate = element.Date("CreateDate"),
            Document = element.Text("Document"),
        };
    }
}
