BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:Cores = @{
        '4.0.3.3' = Join-Path $packages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'
        '3.7.402' = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
    }
    $script:StandIn = Join-Path $RepoRoot 'tests/tools/AwsToolsSession.cs'
    $script:Sandbox = (New-TestFolder 'session-state').FullName
    Set-Content (Join-Path $Sandbox 'credentials') "[named]`naws_access_key_id = AKIANAMEDPROFILE0009`naws_secret_access_key = n`n"
    Set-Content (Join-Path $Sandbox 'config') ''
    $script:Files = @{ AWS_SHARED_CREDENTIALS_FILE = (Join-Path $Sandbox 'credentials'); AWS_CONFIG_FILE = (Join-Path $Sandbox 'config'); AWS_EC2_METADATA_DISABLED = 'true' }

    # The lines that load AWS Tools' session types (against the AWSSDK.Core of $Version) before the module, as
    # AWS.Tools.Common does in a real session, and make the objects Set-AWSCredential and Set-AWSProxy leave.
    function Get-SessionPrelude([string] $Version) {
        @"
Add-Type -Path '$($Cores[$Version])'
Add-Type -Path '$StandIn' -IgnoreWarnings -ReferencedAssemblies '$($Cores[$Version])', 'System.Net.Primitives', 'System.Collections', 'System.Runtime'
function New-StoredCredentials(`$credentials, [string] `$name) {
    `$ctor = [Amazon.PowerShell.Common.AWSPSCredentials].GetConstructors([Reflection.BindingFlags]'NonPublic,Instance') | Where-Object { `$_.GetParameters().Count -eq 3 }
    `$source = [Enum]::ToObject(`$ctor.GetParameters()[2].ParameterType, 1)
    `$ctor.Invoke(@(`$credentials, `$name, `$source))
}
Import-Module '$ModulePath'
"@
    }
}

AfterAll {
    Stop-IamProxy $Proxy
    Remove-Item -Recurse -Force $Sandbox -ErrorAction SilentlyContinue
}

Describe 'The credentials Set-AWSCredential stores, with AWSSDK.Core <_>' -ForEach '4.0.3.3', '3.7.402' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'signs with the stored credentials and names them in the verbose line' {
        $lines = Invoke-FreshPwsh -Environment $Files @"
$(Get-SessionPrelude $_)
`$global:StoredAWSCredentials = New-StoredCredentials ([Amazon.Runtime.BasicAWSCredentials]::new('AKIASESSIONBASIC0001', 'session-secret')) 'ops-admin'
'members public:' + ([Amazon.PowerShell.Common.AWSPSCredentials].GetProperties().Count)
`$all = Get-SsmHybridServiceRole -RoleName absent-role -EndpointUrl '$($Proxy.Url)' -Verbose -ErrorAction SilentlyContinue 4>&1
@(`$all | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] })[0].Message
"@
        $lines | Should -Contain 'members public:0' -Because 'the stand-in has the real shape: Credentials, Name and Source are internal'
        $lines | Should -Contain "Using credentials from `$StoredAWSCredentials 'ops-admin' (Set-AWSCredential), Region us-east-2, IAM endpoint $($Proxy.Url)."
        @(Get-Sent).Count | Should -BeGreaterThan 0
        (Get-Sent).access_key | Sort-Object -Unique | Should -Be 'AKIASESSIONBASIC0001'
    }

    It 'asks refreshing stored credentials for keys at each signing, so new keys are used as they come' {
        $lines = Invoke-FreshPwsh -Environment $Files @"
$(Get-SessionPrelude $_)
`$rotating = [SsmHybridRoleTests.RotatingCredentials]::new()
`$global:StoredAWSCredentials = New-StoredCredentials `$rotating 'assumed-role'
foreach (`$i in 1..3) { `$null = Get-SsmHybridServiceRole -RoleName "absent-`$i" -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue }
'renewed:' + `$rotating.Count
"@
        $keys = @((Get-Sent).access_key)
        $keys.Count | Should -BeGreaterOrEqual 3
        $keys | Should -BeLike 'AKIAROTATING*'
        @($keys | Sort-Object -Unique).Count | Should -BeGreaterOrEqual 3 -Because 'the keys were read again for each command, and they had changed'
    }

    It 'ranks them after -ProfileName and before the environment, as AWS Tools does' {
        $lines = Invoke-FreshPwsh -Environment $Files @"
$(Get-SessionPrelude $_)
`$global:StoredAWSCredentials = New-StoredCredentials ([Amazon.Runtime.BasicAWSCredentials]::new('AKIASESSIONBASIC0002', 'session-secret')) 'ops-admin'
`$null = Get-SsmHybridServiceRole -RoleName first -ProfileName named -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue
`$null = Get-SsmHybridServiceRole -RoleName second -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue
'done'
"@
        $sent = Get-Sent
        ($sent | Where-Object role -eq 'first').access_key | Sort-Object -Unique | Should -Be 'AKIANAMEDPROFILE0009'
        ($sent | Where-Object role -eq 'second').access_key | Sort-Object -Unique | Should -Be 'AKIASESSIONBASIC0002' -Because 'AWS_ACCESS_KEY_ID is set in this session too, and ranks after the stored credentials'
    }

    It 'sends through the proxy Set-AWSProxy stores' {
        $forward = Start-TestTool 'forward_proxy.py' @()
        try {
            $port = ([uri]$forward.Url).Port
            Invoke-FreshPwsh -Environment $Files @"
$(Get-SessionPrelude $_)
`$global:AWSProxy = [Amazon.PowerShell.Common.ProxySettings]@{ Hostname = '127.0.0.1'; Port = $port }
`$null = Get-SsmHybridServiceRole -RoleName via-session-proxy -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue
'done'
"@ | Out-Null
            $relayed = @(Invoke-RestMethod "$($forward.Url)/__forward/log" | ForEach-Object { $_ })
            $relayed.host | Should -Contain ([uri]$Proxy.Url).Authority
            (Get-Sent | Where-Object role -eq 'via-session-proxy') | Should -Not -BeNullOrEmpty
        }
        finally { $forward.Process.Kill() }
    }
}

Describe 'Proxies from the environment' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'sends through HTTP_PROXY, and past it for the hosts NO_PROXY names' {
        $forward = Start-TestTool 'forward_proxy.py' @()
        try {
            $environment = $Files.Clone()
            $environment.HTTP_PROXY = $forward.Url
            Invoke-FreshPwsh -Environment $environment "Import-Module '$ModulePath'; `$null = Get-SsmHybridServiceRole -RoleName via-env-proxy -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue; 'done'" | Out-Null
            $environment.NO_PROXY = 'localhost,127.0.0.1'
            Invoke-FreshPwsh -Environment $environment "Import-Module '$ModulePath'; `$null = Get-SsmHybridServiceRole -RoleName past-env-proxy -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue; 'done'" | Out-Null

            $relayed = @(Invoke-RestMethod "$($forward.Url)/__forward/log" | ForEach-Object { $_ })
            $relayed.Count | Should -BeGreaterThan 0
            (Get-Sent | Where-Object role -eq 'past-env-proxy') | Should -Not -BeNullOrEmpty
            $sentThroughProxy = @(Get-Sent | Where-Object role -eq 'via-env-proxy').Count
            $relayed.Count | Should -Be $sentThroughProxy -Because 'only the first command went through the proxy'
        }
        finally { $forward.Process.Kill() }
    }
}

Describe 'Secrets in $Error' {
    # Windows PowerShell 5.1 keeps the command's own InvocationInfo, bound parameters included, in each ErrorRecord;
    # PowerShell 7 keeps a copy without them. The module masks -SecretKey and -SessionToken in its bound parameters
    # once it has read them, so neither keeps them readable.
    It 'keeps -SecretKey and -SessionToken out of what $Error holds' {
        $secret = 'wJalrXUtnFEMI/K7MDENG/SECRETSECRET01'
        $token = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN0001'
        $Error.Clear()
        Get-SsmHybridServiceRole -RoleName no-such-role-$PID -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -SessionToken $token -EndpointUrl $Endpoint -ErrorAction SilentlyContinue
        $Error.Count | Should -BeGreaterThan 0
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'RoleNotFound,*'
        $bound = @($Error | ForEach-Object { $_.InvocationInfo.BoundParameters })
        ($bound | ForEach-Object { $_.Values } | Out-String) | Should -Not -Match 'SECRETSECRET01|SESSIONTOKEN0001'
        ($Error | ForEach-Object { $_ | Select-Object * -ExcludeProperty InvocationInfo; $_.Exception | Select-Object * } | Out-String -Width 400) | Should -Not -Match 'SECRETSECRET01|SESSIONTOKEN0001'
    }
}
