using System.IO;

namespace SsmHybridRole.Engine.Connections
{
    /// <summary>
    /// The shared config and credentials files as the AWS CLI and SDKs read them, for the settings the SDK's
    /// profile object does not carry (duration_seconds, the [services] sections) and those the module applies
    /// itself (use_fips_endpoint, endpoint_url). Read fresh for each new connection, so an edited file counts;
    /// <see cref="Stamp"/> tells the connection cache when one changed.
    /// </summary>
    internal sealed class SharedConfig
    {
        private readonly Dictionary<string, Dictionary<string, string>> sections;

        private SharedConfig(string configPath, string credentialsPath, Dictionary<string, Dictionary<string, string>> sections)
        {
            ConfigPath = configPath;
            CredentialsPath = credentialsPath;
            this.sections = sections;
        }

        public string ConfigPath { get; }

        public string CredentialsPath { get; }

        /// <summary>The files for these options: AWS_CONFIG_FILE or ~/.aws/config, and the profile location, AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials.</summary>
        public static SharedConfig Load(string? profileLocation)
        {
            var home = HomeDirectory();
            var config = EnvironmentVariables.FirstSet(EnvironmentVariables.Read("AWS_CONFIG_FILE")) ?? Path.Combine(home, ".aws", "config");
            var credentials = EnvironmentVariables.FirstSet(profileLocation, EnvironmentVariables.Read("AWS_SHARED_CREDENTIALS_FILE")) ?? Path.Combine(home, ".aws", "credentials");
            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            Read(config, sections, isConfig: true);
            Read(credentials, sections, isConfig: false);
            return new SharedConfig(config, credentials, sections);
        }

        /// <summary>The user's home directory, as the AWS CLI finds it.</summary>
        public static string HomeDirectory()
            => EnvironmentVariables.FirstSet(EnvironmentVariables.Read("HOME"), EnvironmentVariables.Read("USERPROFILE")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        /// <summary>When each file was last written, and its length: a change means rotated keys or new settings.</summary>
        public string Stamp => StampOf(ConfigPath) + "|" + StampOf(CredentialsPath);

        public bool HasProfile(string profile) => sections.ContainsKey("profile " + profile);

        /// <summary>A key of a profile; the credentials file wins over the config file, as in the CLI.</summary>
        public string? Get(string profile, string key)
            => sections.TryGetValue("profile " + profile, out var values) && values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        public bool? Flag(string profile, string key) => Get(profile, key) is { } text && bool.TryParse(text, out var flag) ? flag : null;

        /// <summary>A service's endpoint from the profile's services section: [services NAME] with "iam =" and an indented "endpoint_url =".</summary>
        public string? ServiceEndpoint(string profile, string serviceKey)
            => Get(profile, "services") is { } name && sections.TryGetValue("services " + name, out var values) && values.TryGetValue(serviceKey + ".endpoint_url", out var url) && url.Length > 0 ? url : null;

        /// <summary>A key of an [sso-session NAME] section.</summary>
        public string? SsoSession(string session, string key)
            => sections.TryGetValue("sso-session " + session, out var values) && values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        private static void Read(string path, Dictionary<string, Dictionary<string, string>> sections, bool isConfig)
        {
            if (!File.Exists(path))
            {
                return;
            }

            Dictionary<string, string>? current = null;
            string? parent = null;
            foreach (var raw in File.ReadAllLines(path))
            {
                var trimmed = raw.Trim();
                if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';')
                {
                    continue;
                }

                if (trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']')
                {
                    current = Section(sections, SectionName(trimmed.Substring(1, trimmed.Length - 2).Trim(), isConfig));
                    parent = null;
                    continue;
                }

                var equals = trimmed.IndexOf('=');
                if (current is null || equals < 1)
                {
                    continue;
                }

                var key = trimmed.Substring(0, equals).Trim().ToLowerInvariant();
                var value = trimmed.Substring(equals + 1).Trim();
                var nested = raw.Length > 0 && char.IsWhiteSpace(raw[0]) && parent != null;
                if (!nested && value.Length == 0)
                {
                    parent = key;
                }
                else if (!nested)
                {
                    parent = null;
                }

                current[nested ? parent + "." + key : key] = value;
            }
        }

        /// <summary>"profile x" and "default" in the config file, plain names in the credentials file, all as "profile x".</summary>
        private static string? SectionName(string header, bool isConfig)
        {
            if (!isConfig)
            {
                return "profile " + header;
            }

            if (header == "default")
            {
                return "profile default";
            }

            var space = header.IndexOf(' ');
            return space < 0 ? null : header.Substring(0, space) + " " + header.Substring(space + 1).Trim();
        }

        private static Dictionary<string, string>? Section(Dictionary<string, Dictionary<string, string>> sections, string? name)
        {
            if (name is null)
            {
                return null;
            }

            if (!sections.TryGetValue(name, out var values))
            {
                values = new Dictionary<string, string>(StringComparer.Ordinal);
                sections[name] = values;
            }

            return values;
        }

        private static string StampOf(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? file.LastWriteTimeUtc.Ticks + ":" + file.Length : "-";
        }
    }
}
