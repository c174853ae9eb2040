# Dot-sourced by every Pester file: the built module as a user imports it, test credentials for the local
# endpoint (moto, started by build.ps1), and helpers.

$script:RepoRoot = Resolve-Path (Join-Path $PSScriptRoot '../..')
$script:ModulePath = Join-Path $RepoRoot 'module/SsmHybridRole'
$script:Endpoint = $env:SSMHYBRIDROLE_TEST_ENDPOINT
if (-not $Endpoint) { throw 'SSMHYBRIDROLE_TEST_ENDPOINT is not set: run the tests through "dotnet pwsh ./build.ps1 Test".' }

. (Join-Path $RepoRoot 'tests/tools/Moto.ps1')

$env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
$env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
$env:AWS_REGION = 'us-east-2'
# Instance metadata is reached only through a loopback stand-in a test names, never a real instance's address.
$env:AWS_EC2_METADATA_DISABLED = 'true'
Remove-Item Env:AWS_PROFILE, Env:AWS_ENDPOINT_URL, Env:AWS_ENDPOINT_URL_IAM, Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
Import-Module $ModulePath -Force

$script:NameCounter = 0
function New-TestRoleName([string] $Prefix = 'pester') {
    $script:NameCounter++
    "$Prefix-$PID-$script:NameCounter"
}

# A new, empty folder in the temp directory, never one of an earlier run: process ids repeat across runs on one
# machine, and a folder or port file left by a run whose pwsh had the same id would be taken for this run's.
function New-TestFolder([string] $Name) {
    New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "$Name-$PID-$([guid]::NewGuid().ToString('N').Substring(0, 8))")
}

# Runs a command in a new pwsh process (the PowerShell this test runs on) and returns its output lines;
# -Environment sets variables for that process only (HOME, for a profile of its own).
function Invoke-FreshPwsh([string] $Command, [hashtable] $Environment = @{}) {
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $output = & ([Environment]::ProcessPath) $pwshDll -NoProfile -NonInteractive -Command $Command 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $output" }
        $output
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

# The names of the roles moto holds in an account whose names start with $Prefix, read straight from moto (not
# through the proxy or the module), so a test sees exactly what exists.
function Get-MotoRoleNames([string] $Prefix, [string] $AccountId = '123456789012') {
    $names = [System.Collections.Generic.List[string]]::new()
    $marker = $null
    do {
        $uri = "$Endpoint/?Action=ListRoles&Version=2010-05-08&MaxItems=1000" + $(if ($marker) { '&Marker=' + [uri]::EscapeDataString($marker) })
        $page = ([xml](Invoke-WebRequest -Uri $uri -Headers @{ Authorization = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request'; 'x-moto-account-id' = $AccountId } -UseBasicParsing).Content).ListRolesResponse.ListRolesResult
        @($page.Roles.member) | Where-Object { $_ -and $_.RoleName.StartsWith($Prefix) } | ForEach-Object { $names.Add($_.RoleName) }
        $marker = if ($page.IsTruncated -eq 'true') { $page.Marker }
    } while ($marker)
    $names | Sort-Object
}

# What the recording proxy of this file ($Proxy) has seen so far.
function Get-Sent { @(Get-IamProxyLog $script:Proxy) }

# Runs a command and returns the errors it wrote; non-terminating ones do not stop the test, and a
# terminating one (bad connection parameters stop the whole command) is caught and returned too.
function Invoke-Failing([scriptblock] $Command) {
    try { @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
    catch { @($_) }
}

# Starts one of tests/tools' loopback stand-ins (sso_portal.py, ssm_endpoint.py), which write their port
# to a file; returns the process and its URL.
function Start-TestTool([string] $Script, [string[]] $Arguments) {
    $portFile = Join-Path ([IO.Path]::GetTempPath()) "tool-$PID-$(Get-Random).port"
    $python = (Get-Command python3 -CommandType Application | Select-Object -First 1).Source
    $process = Start-Process -FilePath $python -ArgumentList (@((Join-Path $RepoRoot "tests/tools/$Script")) + $Arguments + @('--port-file', $portFile)) -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not (Test-Path $portFile) -or -not (Get-Content -Raw $portFile)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw "$Script did not start." }
        Start-Sleep -Milliseconds 50
    }
    $url = "http://127.0.0.1:$((Get-Content -Raw $portFile).Trim())"
    Remove-Item $portFile
    [pscustomobject]@{ Process = $process; Url = $url }
}
