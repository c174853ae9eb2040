BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $script:Sandbox = (New-TestFolder 'credentials').FullName
    $null = New-Item -ItemType Directory -Force (Join-Path $Sandbox '.aws/sso/cache')

    # The stand-in SSO portal (GetRoleCredentials) of tests/tools, for the cached token 'cached-sso-token'.
    $script:PortalTool = Start-TestTool 'sso_portal.py' @('--token', 'cached-sso-token')
    $script:PortalUrl = $PortalTool.Url

    Set-Content (Join-Path $Sandbox 'config') @"
[profile corp-admin]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = HybridAdmin
region = us-east-2

[sso-session corp]
sso_region = us-east-1
sso_start_url = https://corp.awsapps.com/start

[profile stale]
sso_session = stale
sso_account_id = 123456789012
sso_role_name = HybridAdmin
region = us-east-2

[sso-session stale]
sso_region = us-east-1
sso_start_url = https://corp.awsapps.com/start
"@
    Set-Content (Join-Path $Sandbox 'credentials') ''
    function Write-SsoToken([string] $Session, [string] $Token, [datetime] $ExpiresAt) {
        $hash = -join ([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Session)) | ForEach-Object { $_.ToString('x2') })
        @{ accessToken = $Token; expiresAt = $ExpiresAt.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'); region = 'us-east-1' } | ConvertTo-Json | Set-Content (Join-Path $Sandbox ".aws/sso/cache/$hash.json")
    }
    Write-SsoToken 'corp' 'cached-sso-token' ([datetime]::UtcNow.AddHours(1))
    Write-SsoToken 'stale' 'old-token' ([datetime]::UtcNow.AddHours(-1))
    $script:SsoEnvironment = @{
        HOME = $Sandbox; AWS_CONFIG_FILE = (Join-Path $Sandbox 'config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $Sandbox 'credentials')
        AWS_ENDPOINT_URL_SSO = $PortalUrl; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null
    }
}

AfterAll {
    Stop-IamProxy $Proxy
    foreach ($tool in @($MetadataTool, $OidcTool, $RefreshPortal)) { if ($tool -and -not $tool.Process.HasExited) { $tool.Process.Kill() } }
    if ($PortalTool -and -not $PortalTool.Process.HasExited) { $PortalTool.Process.Kill() }
    Remove-Item -Recurse -Force $Sandbox -ErrorAction SilentlyContinue
}

Describe 'Credentials as AWS Tools resolves them' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'trades the cached SSO token of an sso_session profile for role credentials, and signs with them' {
        $lines = Invoke-FreshPwsh -Environment $SsoEnvironment @"
Import-Module '$ModulePath'
`$all = Test-SsmHybridServiceRole -RoleName 'sso-check' -ProfileName corp-admin -EndpointUrl '$($Proxy.Url)' -Verbose 4>&1
@(`$all | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] })[0].Message
"@
        $lines | Should -Contain "Using credentials from profile 'corp-admin' (SSO role HybridAdmin in account 123456789012), Region us-east-2, IAM endpoint $($Proxy.Url)."
        (Get-Sent).access_key | Sort-Object -Unique | Should -Be 'ASIASSOPORTAL0000001'
        $portalLog = Invoke-RestMethod "$PortalUrl/__sso/log"
        $portalLog.token_ok | Should -Contain $true
    }

    It 'says to sign in again when the cached SSO token has expired, and sends nothing' {
        $lines = Invoke-FreshPwsh -Environment $SsoEnvironment @"
Import-Module '$ModulePath'
try { Get-SsmHybridServiceRole -RoleName any -ProfileName stale -EndpointUrl '$($Proxy.Url)' -ErrorAction Stop } catch { `$failed = @(`$_) }
'id:' + `$failed[0].FullyQualifiedErrorId
'category:' + `$failed[0].CategoryInfo.Category
'advice:' + `$failed[0].ErrorDetails.RecommendedAction
"@
        $lines | Should -Contain 'id:SsoTokenExpired,SsmHybridRole.Commands.GetSsmHybridServiceRoleCommand'
        $lines | Should -Contain 'category:AuthenticationError'
        $lines | Should -Contain 'advice:Sign in with: aws sso login --profile stale'
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'reads $StoredAWSRegion and $StoredAWSCredentials as Set-DefaultAWSRegion and Set-AWSCredential leave them' {
        $credentials = Join-Path $Sandbox 'stored-credentials'
        Set-Content $credentials "[stored]`naws_access_key_id = AKIASTOREDPROFILE002`naws_secret_access_key = s`n"
        $lines = Invoke-FreshPwsh -Environment @{ AWS_SHARED_CREDENTIALS_FILE = $credentials; AWS_CONFIG_FILE = (Join-Path $Sandbox 'config') } @"
Import-Module '$ModulePath'
`$global:StoredAWSRegion = 'eu-west-3'
`$global:StoredAWSCredentials = 'stored'
'trust:' + ((New-SsmHybridTrustPolicy -SourceAccountId 123456789012 | ConvertFrom-Json).Statement[0].Condition.ArnEquals.'aws:SourceArn')
`$null = Get-SsmHybridServiceRole -RoleName absent -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue
'done'
"@
        $lines | Should -Contain 'trust:arn:aws:ssm:eu-west-3:123456789012:*'
        (Get-Sent).access_key | Sort-Object -Unique | Should -Be 'AKIASTOREDPROFILE002'
    }

    It 'names the files it searched when a named profile does not exist' {
        $errors = Invoke-Failing { Get-SsmHybridServiceRole -RoleName any -ProfileName no-such-profile -EndpointUrl $Proxy.Url }
        $errors[0].FullyQualifiedErrorId | Should -Be 'ProfileNotFound,SsmHybridRole.Commands.GetSsmHybridServiceRoleCommand'
        $errors[0].Exception.Message | Should -BeLike "*'no-such-profile'*~/.aws/config*~/.aws/credentials*"
        Get-Sent | Should -BeNullOrEmpty
    }
}

Describe 'The rest of the chain, as the SDKs walk it' {
    BeforeAll {
        $script:MetadataTool = Start-TestTool 'metadata_endpoint.py' @('--region', 'eu-central-1', '--container-token', 'container-auth-token')
        $script:RegionOnly = Join-Path $Sandbox 'region-only'
        $null = New-Item -ItemType Directory -Force $RegionOnly
        Set-Content (Join-Path $RegionOnly 'config') "[default]`nregion = us-east-2`n"
        Set-Content (Join-Path $RegionOnly 'credentials') ''
        $script:ChainEnvironment = @{
            HOME = $RegionOnly; AWS_CONFIG_FILE = (Join-Path $RegionOnly 'config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $RegionOnly 'credentials')
            AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_EC2_METADATA_DISABLED = $null
            AWS_EC2_METADATA_SERVICE_ENDPOINT = $MetadataTool.Url
        }
        function Invoke-InChain([hashtable] $Extra = @{}, [string] $Region = '') {
            $environment = $ChainEnvironment.Clone()
            foreach ($key in $Extra.Keys) { $environment[$key] = $Extra[$key] }
            Invoke-FreshPwsh -Environment $environment @"
Import-Module '$ModulePath'
`$all = Get-SsmHybridServiceRole -RoleName chain-check $Region -EndpointUrl '$($Proxy.Url)' -Verbose -ErrorAction SilentlyContinue 4>&1
@(`$all | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] })[0].Message
"@
        }
    }
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'goes past a [default] profile that has only a Region, to the instance role from IMDSv2' {
        $lines = Invoke-InChain
        $lines | Should -Contain "Using credentials from EC2 instance metadata, Region us-east-2, IAM endpoint $($Proxy.Url)."
        (Get-Sent).access_key | Sort-Object -Unique | Should -Be 'ASIAINSTANCEROLE0001'
        $metadata = @(Invoke-RestMethod "$($MetadataTool.Url)/__metadata/log" | ForEach-Object { $_ })
        ($metadata | Where-Object method -eq 'GET').token_ok | Should -Not -Contain $false -Because 'every read carried the IMDSv2 session token'
    }

    It 'takes container credentials before instance metadata' {
        $lines = Invoke-InChain @{ AWS_CONTAINER_CREDENTIALS_FULL_URI = "$($MetadataTool.Url)/container-credentials"; AWS_CONTAINER_AUTHORIZATION_TOKEN = 'container-auth-token' }
        $lines | Should -Contain "Using credentials from container credentials, Region us-east-2, IAM endpoint $($Proxy.Url)."
        (Get-Sent).access_key | Sort-Object -Unique | Should -Be 'ASIACONTAINERCREDS01'
    }

    It 'assumes the role of a web identity token through the module''s own STS client, before container and instance credentials' {
        $token = Join-Path $Sandbox 'web-identity-token'
        Set-Content $token 'eyJhbGciOiJSUzI1NiJ9.web-identity.token'
        $lines = Invoke-InChain @{ AWS_WEB_IDENTITY_TOKEN_FILE = $token; AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/web-deployer'; AWS_ENDPOINT_URL_STS = $Proxy.Url; AWS_CONTAINER_CREDENTIALS_FULL_URI = "$($MetadataTool.Url)/container-credentials" }
        $lines | Should -Contain "Using credentials from role arn:aws:iam::123456789012:role/web-deployer with the web identity token in AWS_WEB_IDENTITY_TOKEN_FILE, Region us-east-2, IAM endpoint $($Proxy.Url)."
        $sent = Get-Sent
        $exchange = @($sent | Where-Object action -eq 'AssumeRoleWithWebIdentity')
        $exchange.Count | Should -Be 1
        $exchange[0].signed | Should -BeFalse -Because 'the token is the credential; the request is not signed'
        ($sent | Where-Object action -eq 'GetRole').access_key | Sort-Object -Unique | Should -BeLike 'ASIA*'
    }

    It 'takes the Region from instance metadata when nothing else names one' {
        Set-Content (Join-Path $RegionOnly 'config') ''
        try {
            $lines = Invoke-InChain @{ AWS_REGION = $null; AWS_DEFAULT_REGION = $null }
            $lines | Should -Contain "Using credentials from EC2 instance metadata, Region eu-central-1, IAM endpoint $($Proxy.Url)."
        }
        finally { Set-Content (Join-Path $RegionOnly 'config') "[default]`nregion = us-east-2`n" }
    }
}

Describe 'Profiles people really have' {
    BeforeAll {
        $script:Profiles = Join-Path $Sandbox 'profiles'
        $null = New-Item -ItemType Directory -Force (Join-Path $Profiles '.aws/sso/cache')
        Set-Content (Join-Path $Profiles 'credentials') "[base]`naws_access_key_id = AKIABASEPROFILE00002`naws_secret_access_key = b`n"
        Set-Content (Join-Path $Profiles 'config') @"
[profile mfa-admin]
role_arn = arn:aws:iam::123456789012:role/mfa-admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/alice
duration_seconds = 900
region = us-east-2

[profile refreshing]
sso_session = refreshing
sso_account_id = 123456789012
sso_role_name = HybridAdmin
region = us-east-2

[sso-session refreshing]
sso_region = us-east-1
sso_start_url = https://corp.awsapps.com/start

[profile hangs]
credential_process = /bin/sh -c 'echo `$`$ > "$Profiles/hang.pid"; exec sleep 300'
region = us-east-2
"@
        $script:ProfileEnvironment = @{ HOME = $Profiles; AWS_CONFIG_FILE = (Join-Path $Profiles 'config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $Profiles 'credentials'); AWS_ENDPOINT_URL_STS = $Proxy.Url; AWS_EC2_METADATA_DISABLED = 'true' }
    }
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'asks for the MFA code on the host of an interactive session, and sends it with the profile''s duration_seconds' {
        Add-IamProxyFault $Proxy @(
            @{ action = 'AssumeRole'; fault = 'delay'; seconds = 0; times = 5; contains = 'TokenCode=123456' }
        )
        $script = Join-Path $Profiles 'mfa.ps1'
        Set-Content $script "Import-Module '$ModulePath'; `$null = Get-SsmHybridServiceRole -RoleName mfa-check -ProfileName mfa-admin -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue; 'finished'"
        $saved = @{}
        foreach ($name in $ProfileEnvironment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $ProfileEnvironment[$name]) }
        try { $output = '123456' | & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -File $script 2>&1 }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }

        ($output -join "`n") | Should -Match 'Enter the MFA code for arn:aws:iam::123456789012:mfa/alice'
        $assume = @(Get-Sent | Where-Object action -eq 'AssumeRole')
        $assume.Count | Should -Be 1
        $assume[0].fault | Should -Be 'delay' -Because 'the request carried TokenCode=123456 (the proxy marks what matched)'
        Reset-IamProxyLog $Proxy
        Add-IamProxyFault $Proxy @(@{ action = 'AssumeRole'; fault = 'delay'; seconds = 0; times = 5; contains = 'DurationSeconds=900' })
        foreach ($name in $ProfileEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $ProfileEnvironment[$name]) }
        try { $null = '123456' | & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -File $script 2>&1 }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
        (Get-Sent | Where-Object action -eq 'AssumeRole')[0].fault | Should -Be 'delay' -Because 'the request carried DurationSeconds=900'
    }

    It 'fails with MfaCodeRequired, and sends no AssumeRole, when nobody can be asked for the code' {
        $lines = Invoke-FreshPwsh -Environment $ProfileEnvironment @"
Import-Module '$ModulePath'
try { Get-SsmHybridServiceRole -RoleName mfa-check -ProfileName mfa-admin -EndpointUrl '$($Proxy.Url)' -ErrorAction Stop } catch { 'id:' + `$_.FullyQualifiedErrorId }
"@
        $lines | Should -Contain 'id:MfaCodeRequired,SsmHybridRole.Commands.GetSsmHybridServiceRoleCommand'
        Get-Sent | Where-Object action -eq 'AssumeRole' | Should -BeNullOrEmpty
    }

    It 'renews an expired SSO token with its refresh token through SSO OIDC and writes the cache back' {
        $script:OidcTool = Start-TestTool 'sso_oidc.py' @('--client-id', 'client-1', '--refresh-token', 'refresh-1', '--new-token', 'renewed-sso-token', '--new-refresh-token', 'refresh-2')
        $script:RefreshPortal = Start-TestTool 'sso_portal.py' @('--token', 'renewed-sso-token')
        $hash = -join ([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes('refreshing')) | ForEach-Object { $_.ToString('x2') })
        $cache = Join-Path $Profiles ".aws/sso/cache/$hash.json"
        @{ startUrl = 'https://corp.awsapps.com/start'; region = 'us-east-1'; accessToken = 'expired-token'; expiresAt = [datetime]::UtcNow.AddHours(-1).ToString('yyyy-MM-ddTHH:mm:ssZ')
           clientId = 'client-1'; clientSecret = 'secret-1'; registrationExpiresAt = [datetime]::UtcNow.AddDays(30).ToString('yyyy-MM-ddTHH:mm:ssZ'); refreshToken = 'refresh-1' } | ConvertTo-Json | Set-Content $cache
        $environment = $ProfileEnvironment.Clone()
        $environment.AWS_ENDPOINT_URL_SSO_OIDC = $OidcTool.Url
        $environment.AWS_ENDPOINT_URL_SSO = $RefreshPortal.Url
        Invoke-FreshPwsh -Environment $environment "Import-Module '$ModulePath'; `$null = Get-SsmHybridServiceRole -RoleName sso-renewed -ProfileName refreshing -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue; 'done'" | Out-Null

        $oidc = @(Invoke-RestMethod "$($OidcTool.Url)/__oidc/log" | ForEach-Object { $_ })
        $oidc.grantType | Should -Be 'refresh_token'
        $written = Get-Content -Raw $cache | ConvertFrom-Json
        $written.accessToken | Should -Be 'renewed-sso-token'
        $written.refreshToken | Should -Be 'refresh-2'
        ([datetime]$written.expiresAt).ToUniversalTime() | Should -BeGreaterThan ([datetime]::UtcNow)
        $written.clientSecret | Should -Be 'secret-1' -Because 'the rest of the cache file is kept'
        (Get-Sent | Where-Object role -eq 'sso-renewed').access_key | Sort-Object -Unique | Should -Be 'ASIASSOPORTAL0000001'
    }

    It 'gives up on a credential_process that hangs, within the credentials time limit, and ends the process' {
        $environment = $ProfileEnvironment.Clone()
        $environment.SSMHYBRIDROLE_CREDENTIAL_TIMEOUT = '2'
        $lines = Invoke-FreshPwsh -Environment $environment @"
Import-Module '$ModulePath'
try { Get-SsmHybridServiceRole -RoleName hang-check -ProfileName hangs -EndpointUrl '$($Proxy.Url)' -ErrorAction Stop } catch { 'id:' + `$_.FullyQualifiedErrorId; 'message:' + `$_.Exception.Message }
"@
        $lines | Should -Contain 'id:CredentialTimeout,SsmHybridRole.Commands.GetSsmHybridServiceRoleCommand'
        ($lines | Where-Object { $_ -like 'message:*' }) | Should -BeLike "*credential_process of profile 'hangs'*2 s*"
        $hungPid = [int](Get-Content -Raw (Join-Path $Profiles 'hang.pid'))
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        while ((Get-Process -Id $hungPid -ErrorAction SilentlyContinue) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Get-Process -Id $hungPid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty -Because 'the process was killed, not left behind'
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'stops a command waiting for credentials at Ctrl+C, in bounded time, and ends the credential process' {
        Remove-Item (Join-Path $Profiles 'hang.pid') -ErrorAction SilentlyContinue
        # A fresh process (the SDK reads AWS_CONFIG_FILE once per process), with the command in a runspace of its
        # own that is stopped as Ctrl+C stops a pipeline.
        $lines = Invoke-FreshPwsh -Environment $ProfileEnvironment @"
`$shell = [powershell]::Create()
`$null = `$shell.AddScript("Import-Module '$ModulePath'; Get-SsmHybridServiceRole -RoleName stop-check -ProfileName hangs -EndpointUrl '$($Proxy.Url)'")
`$running = `$shell.BeginInvoke()
`$deadline = [datetime]::UtcNow.AddSeconds(60)
while (-not ((Get-Content -Raw '$Profiles/hang.pid' -ErrorAction SilentlyContinue) -match '^\d+') -and [datetime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 100 }
'pid:' + (Get-Content -Raw '$Profiles/hang.pid').Trim()
`$stopping = `$shell.BeginStop(`$null, `$null)
'stopped:' + `$stopping.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(30))
'completed:' + `$running.IsCompleted
"@
        $lines | Should -Contain 'stopped:True' -Because 'Ctrl+C (Stop) returns without waiting out the credential process'
        $lines | Should -Contain 'completed:True'
        $hungPid = [int](($lines | Where-Object { $_ -like 'pid:*' }) -replace '^pid:', '')
        $hungPid | Should -BeGreaterThan 0
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        while ((Get-Process -Id $hungPid -ErrorAction SilentlyContinue) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Get-Process -Id $hungPid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty -Because 'the credential process was ended, not left behind'
    }
}
