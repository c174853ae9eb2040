BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) "credentials-$PID"
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
'trust:' + ((New-SsmHybridTrustPolicy -AccountId 123456789012 | ConvertFrom-Json).Statement[0].Condition.ArnEquals.'aws:SourceArn')
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
