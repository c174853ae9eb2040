using System.Text;
using SsmHybridRole.Engine.Validation;

namespace SsmHybridRole.Wording
{
    /// <summary>
    /// The commands that register a server with an activation, for the shell each platform runs. Every value is
    /// checked against SSM's rules first, then quoted for its shell (single quotes in both), so nothing a value
    /// holds can become a command.
    /// </summary>
    internal static class RegistrationCommands
    {
        public static string NoCode(string activationId)
            => $"The code of activation {activationId} is not known here: Systems Manager returns it only once, to New-SsmHybridActivation. Create a new activation to register more servers.";

        public static string For(RegistrationPlatform platform, string activationId, string code, string region)
        {
            SsmInputRules.ActivationId(activationId, "ActivationId");
            InputRules.Region(region, "Region");
            if (!SsmInputRules.IsActivationCode(code))
            {
                // The code is a secret: the error names the rule, never the value.
                throw new InvalidParameterException(ErrorIds.InvalidActivationCode, "ActivationCode", "(not shown)", SsmInputRules.ActivationCodeRule);
            }

            return platform == RegistrationPlatform.Windows ? Windows(activationId, code, region) : Linux(activationId, code, region);
        }

        /// <summary>Linux: stop the agent, register it (sudo -E keeps a proxy set in the environment), start it again.</summary>
        private static string Linux(string activationId, string code, string region)
            => new StringBuilder()
                .Append("sudo systemctl stop ").Append(AgentEndpoints.LinuxServiceName).Append('\n')
                .Append("sudo -E amazon-ssm-agent -register -code ").Append(Posix(code)).Append(" -id ").Append(Posix(activationId)).Append(" -region ").Append(Posix(region)).Append('\n')
                .Append("sudo systemctl start ").Append(AgentEndpoints.LinuxServiceName)
                .ToString();

        /// <summary>Windows PowerShell 5.1 or later, as an administrator.</summary>
        private static string Windows(string activationId, string code, string region)
            => string.Join(
                "\n",
                "$ErrorActionPreference = 'Stop'",
                "[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12",
                "$code = " + CommandText.Quote(code),
                "$id = " + CommandText.Quote(activationId),
                "$region = " + CommandText.Quote(region),
                "$installer = Join-Path $env:TEMP 'AmazonSSMAgentSetup.exe'",
                "Invoke-WebRequest -UseBasicParsing -Uri " + CommandText.Quote(AgentEndpoints.WindowsInstaller(region).AbsoluteUri) + " -OutFile $installer",
                "Start-Process -FilePath $installer -ArgumentList @('/q', '/log', (Join-Path $env:TEMP 'ssm-agent-install.log')) -Wait",
                "& (Join-Path $env:ProgramFiles 'Amazon\\SSM\\amazon-ssm-agent.exe') -register -code $code -id $id -region $region",
                "Restart-Service -Name " + AgentEndpoints.WindowsServiceName);

        /// <summary>A value in POSIX single quotes, a quote inside written as '\''.</summary>
        private static string Posix(string value) => "'" + value.Replace("'", "'\\''") + "'";
    }
}
