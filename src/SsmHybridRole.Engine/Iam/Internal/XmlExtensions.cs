using System.Globalization;
using System.Xml.Linq;

namespace SsmHybridRole.Engine.Iam.Internal
{
    /// <summary>Namespace-agnostic reading of Query protocol responses.</summary>
    internal static class XmlExtensions
    {
        public static XElement? Child(this XElement? element, string name)
            => element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        public static string? Text(this XElement? element, string name) => element.Child(name)?.Value;

        public static int? Int(this XElement? element, string name)
            => int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

        public static bool Bool(this XElement? element, string name)
            => string.Equals(element.Text(name), "true", StringComparison.OrdinalIgnoreCase);

        public static DateTime? Date(this XElement? element, string name)
        {
            var text = element.Text(name);
            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
                : null;
        }

        /// <summary>The &lt;member&gt; items of a list element.</summary>
        public static IEnumerable<XElement> Members(this XElement? element, string listName)
            => element.Child(listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? Enumerable.Empty<XElement>();
    }
}
