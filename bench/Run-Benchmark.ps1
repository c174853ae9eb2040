<#
.SYNOPSIS
    Measures SsmHybridRole against its peers on one machine and one moto endpoint, and prints tables.
.DESCRIPTION
    build.ps1 Bench runs this after building. It installs its own peers (AWS CLI v2 with apt-get, and
    @aws-sdk/client-iam with npm in bench/) and builds a precompiled PowerShell host (bench/host, into
    out/bench-host); the tests never do. Cold figures are taken on two PowerShells: the dotnet tool pwsh of
    this repository (IL only: it JIT-compiles thousands of its own methods at every start) and that host
    (PowerShell's assemblies precompiled, as in the installed packages). Every figure is a median of repeated
    runs, shown with its minimum and maximum; the variants compared are interleaved within each round, so a
    machine that gets busier disturbs them alike. Times are wall-clock milliseconds on loopback.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 7,
    # More rounds for the cold figures: their best needs one quiet moment for every variant.
    [int] $ColdRounds = 11,
    [int] $BulkRoles = 100,
    [int] $CliBulkRoles = 20
)

$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
. (Join-Path $root 'tests/tools/Moto.ps1')
$ModulePath = (Resolve-Path $ModulePath).Path
$out = Join-Path $root 'out'

# Every pwsh started below inherits this environment, so all of them (both hosts, every variant) run with
# PowerShell's telemetry off in the same way: with it on, a start also loads and JIT-compiles its client.
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'

function Invoke-Checked([string] $What, [scriptblock] $Command) { & $Command; if ($LASTEXITCODE) { throw "$What failed ($LASTEXITCODE)" } }

# Peers, installed here and only here.
if (-not (Test-Path '/usr/bin/aws')) {
    Invoke-Checked 'apt-get update' { apt-get update -qq }
    Invoke-Checked 'apt-get install awscli' { apt-get install -y -qq awscli | Out-Null }
}
if (-not (Test-Path (Join-Path $PSScriptRoot 'node_modules/@aws-sdk/client-iam'))) {
    Push-Location $PSScriptRoot
    try { Invoke-Checked 'npm install' { npm install --no-audit --no-fund --loglevel=error | Out-Null } } finally { Pop-Location }
}

# The precompiled host: built once, again only when its project changes.
$os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
$platform = "$os-$([Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant())"
$hostDir = Join-Path $out 'bench-host'
$hostExe = Join-Path $hostDir $(if ($IsWindows) { 'BenchHost.exe' } else { 'BenchHost' })
$hostStamp = Join-Path $hostDir 'sources.sha256'
$hostDigest = (Get-ChildItem (Join-Path $PSScriptRoot 'host') -File | Sort-Object Name | ForEach-Object { (Get-FileHash $_.FullName).Hash }) -join ''
if (-not ((Test-Path $hostExe) -and (Test-Path $hostStamp) -and (Get-Content -Raw $hostStamp).Trim() -eq $hostDigest)) {
    Write-Host "Building the precompiled PowerShell host (Microsoft.PowerShell.SDK, ReadyToRun) into $hostDir; minutes the first time"
    if (Test-Path $hostDir) { Remove-Item -Recurse -Force $hostDir }
    Invoke-Checked 'Publishing bench/host' { dotnet publish (Join-Path $PSScriptRoot 'host') -c Release -r $platform -o $hostDir --nologo -v quiet }
    Set-Content $hostStamp $hostDigest
}
$hosts = [ordered]@{
    'dotnet tool pwsh' = @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
    'precompiled host' = @($hostExe)
}

# The module as built (ReadyToRun images for this .NET) and the same without the images: the IL build that
# Windows PowerShell, and a PowerShell on a .NET the module has no images for, load. And the module without
# its format data, for what loading the views costs at import.
$variants = Join-Path $out 'bench-modules'
if (Test-Path $variants) { Remove-Item -Recurse -Force $variants }
$ilModule = Join-Path $variants 'il/SsmHybridRole'
$null = New-Item -ItemType Directory -Force (Split-Path $ilModule)
Copy-Item -Recurse $ModulePath $ilModule
Get-ChildItem -Directory (Join-Path $ilModule 'Dependencies') | Where-Object Name -match '^net\d+\.0-' | Remove-Item -Recurse -Force
$noFormatModule = Join-Path $variants 'noformat/SsmHybridRole'
$null = New-Item -ItemType Directory -Force (Split-Path $noFormatModule)
Copy-Item -Recurse $ModulePath $noFormatModule
$manifest = Join-Path $noFormatModule 'SsmHybridRole.psd1'
(Get-Content -Raw $manifest) -replace "FormatsToProcess\s*=\s*@\([^)]*\)", 'FormatsToProcess = @()' | Set-Content $manifest
function Get-Size([string] $Path, [string] $Filter = '*') { (Get-ChildItem -Recurse -File $Path -Filter $Filter | Measure-Object Length -Sum).Sum }
$imageFolders = @(Get-ChildItem -Directory (Join-Path $ModulePath 'Dependencies') | Where-Object Name -match '^net\d+\.0-')
$moduleSize = Get-Size $ModulePath
$ilSize = Get-Size $ilModule
$running = "net$([Environment]::Version.Major).0-$platform"

function Measure-Wall([scriptblock] $Command) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = & $Command
    $clock.Stop()
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Output = $output }
}
function Invoke-Pwsh([string] $Command) {
    $output = & $pwshHost $pwshDll -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE) { throw "pwsh failed: $output" }
    $output
}
# A script in a fresh process of one of the hosts; its output, and the wall time of the whole process.
function Invoke-Script([string] $HostName, [string] $Script, [string[]] $Arguments = @()) {
    $command = $hosts[$HostName]
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot "cold/$Script") @Arguments
    $clock.Stop()
    if ($LASTEXITCODE) { throw "$HostName $Script failed: $output" }
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Output = $output }
}
function Get-Stats([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [int][Math]::Floor($sorted.Count / 2)
    $median = if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[-1]; Runs = $sorted.Count }
}
function Get-Median([double[]] $Values) { (Get-Stats $Values).Median }
$pwshHost = [Environment]::ProcessPath
$pwshDll = Join-Path $PSHOME 'pwsh.dll'

$moto = Start-Moto
try {
    $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
    $env:AWS_SECRET_ACCESS_KEY = 'bench'
    $env:AWS_REGION = 'us-east-2'
    $endpoint = $moto.Url
    $rows = [System.Collections.Generic.List[object]]::new()
    function Add-Row([string] $Name, $Stats, [string] $Note = '') {
        $rows.Add([pscustomobject]@{ Measurement = $Name; 'Median ms' = [Math]::Round($Stats.Median, 1); 'Min ms' = [Math]::Round($Stats.Min, 1); 'Max ms' = [Math]::Round($Stats.Max, 1); Runs = $Stats.Runs; Note = $Note })
    }

    # 1. Cold: fresh processes, as an automation script starts them, on both hosts, round by round.
    $nodeScript = Join-Path $PSScriptRoot 'workflow.mjs'
    Write-Host "1/4 Cold starts on the dotnet tool pwsh and the precompiled host, and the Node peer's whole run ($ColdRounds rounds)"
    # PowerShell's own first Import-Module costs something whatever the module: an empty manifest module shows it.
    $empty = New-Item -ItemType Directory -Force (Join-Path $variants 'empty/EmptyModule')
    Set-Content (Join-Path $empty 'EmptyModule.psd1') "@{ ModuleVersion = '1.0.0'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    # moto loads the AWS managed policies on its first IAM request: a first workflow takes that out of the figures.
    $null = Invoke-Script 'dotnet tool pwsh' 'Workflow.ps1' @('-ModulePath', $ModulePath, '-EndpointUrl', $endpoint, '-Name', 'bench-coldwarmup')
    $cold = @{}
    function Add-Cold([string] $Key, [double] $Value) { if (-not $cold.ContainsKey($Key)) { $cold[$Key] = [Collections.Generic.List[double]]::new() }; $cold[$Key].Add($Value) }
    $phases = @{}
    for ($pass = 1; $pass -le $ColdRounds; $pass++) {
        foreach ($hostName in $hosts.Keys) {
            $h = if ($hostName -like 'dotnet*') { 'tool' } else { 'host' }
            Add-Cold "$h bare" (Invoke-Script $hostName 'Empty.ps1').Ms
            Add-Cold "$h import" (Invoke-Script $hostName 'Import.ps1' @('-ModulePath', $ModulePath)).Ms
            Add-Cold "$h import noformat" (Invoke-Script $hostName 'Import.ps1' @('-ModulePath', $noFormatModule)).Ms
            Add-Cold "$h import empty" (Invoke-Script $hostName 'Import.ps1' @('-ModulePath', $empty.FullName)).Ms
            Add-Cold "$h workflow r2r" (Invoke-Script $hostName 'Workflow.ps1' @('-ModulePath', $ModulePath, '-EndpointUrl', $endpoint, '-Name', "bench-cold-$h-r2r-$pass")).Ms
            Add-Cold "$h workflow il" (Invoke-Script $hostName 'Workflow.ps1' @('-ModulePath', $ilModule, '-EndpointUrl', $endpoint, '-Name', "bench-cold-$h-il-$pass")).Ms
            foreach ($variant in 'r2r', 'il') {
                $path = if ($variant -eq 'r2r') { $ModulePath } else { $ilModule }
                $measured = (Invoke-Script $hostName 'Phases.ps1' @('-ModulePath', $path, '-EndpointUrl', $endpoint, '-Name', "bench-phases-$h-$variant-$pass")).Output | Select-Object -Last 1 | ConvertFrom-Json
                foreach ($property in $measured.PSObject.Properties) {
                    $key = "$h $variant $($property.Name)"
                    if (-not $phases.ContainsKey($key)) { $phases[$key] = [Collections.Generic.List[double]]::new() }
                    $phases[$key].Add([double]$property.Value)
                }
            }
        }
        Add-Cold 'node' (Measure-Wall { $null = & node $nodeScript workflow $endpoint "bench-nodecold-$pass" 1 }).Ms
        Write-Host "  round $pass of $ColdRounds done"
    }

    # 2. One fresh session: import, memory, a warm-up, then the timed workflows, per-call overhead and bulk.
    Write-Host "2/4 The module in a warm session ($Runs workflows, per-call overhead, $BulkRoles roles in bulk)"
    $session = Invoke-Pwsh @"
`$ErrorActionPreference = 'Stop'
`$PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = '$endpoint'
function WS { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect(); [Diagnostics.Process]::GetCurrentProcess().Refresh(); [Environment]::WorkingSet }
`$ws0 = WS
`$clock = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$importMs = `$clock.Elapsed.TotalMilliseconds
`$awssdkAfterImport = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'AWSSDK*' }).Count
`$ws1 = WS
function Run-Workflow([string] `$name) {
    `$s3 = New-SsmHybridS3BucketPolicy -PolicyName "`$name-s3" -OutputBucket bench-output
    `$null = New-SsmHybridServiceRole -RoleName `$name -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn `$s3.PolicyArn
}
`$clock.Restart(); Run-Workflow 'bench-warmup'; `$firstMs = `$clock.Elapsed.TotalMilliseconds
`$ws2 = WS
# The same calls straight through the engine's IAM client (the SDK pipeline: signing, HTTP), in this process.
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'SsmHybridRole.Engine' }
`$sdk = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' -and [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_) -eq [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$engine) }
`$credentials = [Activator]::CreateInstance(`$sdk.GetType('Amazon.Runtime.BasicAWSCredentials'), @(`$env:AWS_ACCESS_KEY_ID, `$env:AWS_SECRET_ACCESS_KEY))
`$config = [Activator]::CreateInstance(`$engine.GetType('SsmHybridRole.Engine.Iam.IdentityManagementServiceConfig'))
`$config.ServiceURL = '$endpoint'; `$config.AuthenticationRegion = 'us-east-2'
`$iam = [Activator]::CreateInstance(`$engine.GetType('SsmHybridRole.Engine.Iam.IdentityManagementServiceClient'), @(`$credentials, `$config))
function New-Request([string] `$type, [hashtable] `$values) { `$r = [Activator]::CreateInstance(`$engine.GetType("SsmHybridRole.Engine.Iam.Model.`$type")); foreach (`$k in `$values.Keys) { `$r.`$k = `$values[`$k] }; `$r }
`$none = [Threading.CancellationToken]::None
`$trust = New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2
function Run-RawWorkflow([string] `$name) {
    `$policy = `$iam.CreatePolicyAsync((New-Request 'CreatePolicyRequest' @{ PolicyName = "`$name-s3"; PolicyDocument = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::bench-output/*"]}]}' }), `$none).GetAwaiter().GetResult().Policy.Arn
    `$null = `$iam.CreateRoleAsync((New-Request 'CreateRoleRequest' @{ RoleName = `$name; AssumeRolePolicyDocument = `$trust }), `$none).GetAwaiter().GetResult()
    foreach (`$arn in 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', `$policy, 'arn:aws:iam::aws:policy/AmazonSSMDirectoryServiceAccess', 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy') {
        `$null = `$iam.AttachRolePolicyAsync((New-Request 'AttachRolePolicyRequest' @{ RoleName = `$name; PolicyArn = `$arn }), `$none).GetAwaiter().GetResult()
    }
}
`$null = Run-RawWorkflow 'bench-raw-warmup'

# Module and raw client in turns, so that a burst of other work on the machine slows both alike.
`$times = [Collections.Generic.List[double]]::new(); `$rawWorkflow = [Collections.Generic.List[double]]::new()
foreach (`$i in 1..$Runs) {
    `$clock.Restart(); Run-Workflow "bench-warm-`$i"; `$times.Add(`$clock.Elapsed.TotalMilliseconds)
    `$clock.Restart(); Run-RawWorkflow "bench-raw-`$i"; `$rawWorkflow.Add(`$clock.Elapsed.TotalMilliseconds)
}
# Per call: Add- of a policy that is attached already makes exactly one IAM call (ListAttachedRolePolicies).
`$perCall = [Collections.Generic.List[double]]::new(); `$rawPerCall = [Collections.Generic.List[double]]::new()
foreach (`$i in 1..30) {
    `$clock.Restart(); Add-SsmHybridRolePolicy -RoleName bench-warmup -Policy CloudWatchAgentServer; `$perCall.Add(`$clock.Elapsed.TotalMilliseconds)
    `$clock.Restart(); `$null = `$iam.ListAttachedRolePoliciesAsync((New-Request 'ListAttachedRolePoliciesRequest' @{ RoleName = 'bench-warmup' }), `$none).GetAwaiter().GetResult(); `$rawPerCall.Add(`$clock.Elapsed.TotalMilliseconds)
}

`$bulkMs = foreach (`$r in 1..3) { `$names = 1..$BulkRoles | ForEach-Object { "bench-bulk-m`$r-`$_" }; `$clock.Restart(); `$null = `$names | New-SsmHybridServiceRole -SourceAccountId 123456789012; `$clock.Elapsed.TotalMilliseconds }
`$bulk8Ms = foreach (`$r in 1..3) { `$names = 1..$BulkRoles | ForEach-Object { "bench-bulk-m8`$r-`$_" }; `$clock.Restart(); `$null = `$names | New-SsmHybridServiceRole -SourceAccountId 123456789012 -ThrottleLimit 8; `$clock.Elapsed.TotalMilliseconds }

@{ importMs = `$importMs; awssdkAfterImport = `$awssdkAfterImport; ws0 = `$ws0; ws1 = `$ws1; ws2 = `$ws2; firstMs = `$firstMs; times = @(`$times); perCall = @(`$perCall); rawPerCall = @(`$rawPerCall); rawWorkflow = @(`$rawWorkflow); bulkMs = @(`$bulkMs); bulk8Ms = @(`$bulk8Ms) } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json

    # 3. AWS CLI v2, the seed's commands.
    Write-Host "3/4 AWS CLI v2 ($Runs runs of the seed's commands; a loop of $CliBulkRoles roles)"
    $work = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "bench-$PID")
    $trustFile = Join-Path $work 'trust.json'
    Invoke-Pwsh "Import-Module '$ModulePath'; New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2" | Set-Content $trustFile
    $policyFile = Join-Path $work 's3.json'
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::bench-output/*"]}]}' | Set-Content $policyFile
    $aws = { & /usr/bin/aws --endpoint-url $endpoint --region us-east-2 --output json @args; if ($LASTEXITCODE) { throw "aws $args" } }
    $cli = foreach ($i in 1..$Runs) {
        (Measure-Wall {
            $arn = (& $aws iam create-policy --policy-name "bench-cli-$i-s3" --policy-document "file://$policyFile" | ConvertFrom-Json).Policy.Arn
            $null = & $aws iam create-role --role-name "bench-cli-$i" --assume-role-policy-document "file://$trustFile"
            foreach ($p in 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', $arn, 'arn:aws:iam::aws:policy/AmazonSSMDirectoryServiceAccess', 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy') {
                $null = & $aws iam attach-role-policy --role-name "bench-cli-$i" --policy-arn $p
            }
        }).Ms
    }
    $cliBulk = (Measure-Wall {
        foreach ($i in 1..$CliBulkRoles) {
            $null = & $aws iam create-role --role-name "bench-bulk-c-$i" --assume-role-policy-document "file://$trustFile"
            $null = & $aws iam attach-role-policy --role-name "bench-bulk-c-$i" --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
        }
    }).Ms

    # 4. One Node process with @aws-sdk/client-iam.
    Write-Host "4/4 Node with @aws-sdk/client-iam, warm and in bulk"
    $node = & node $nodeScript workflow $endpoint bench-node $Runs | ConvertFrom-Json
    $nodeBulk1 = (Get-Stats (1..3 | ForEach-Object { (& node $nodeScript bulk $endpoint "bench-bulk-n1-$_" $BulkRoles 1 | ConvertFrom-Json).totalMs })).Median
    $nodeBulk8 = (Get-Stats (1..3 | ForEach-Object { (& node $nodeScript bulk $endpoint "bench-bulk-n8-$_" $BulkRoles 8 | ConvertFrom-Json).totalMs })).Median
    $moduleBulk1 = (Get-Stats $session.bulkMs).Median
    $moduleBulk8 = (Get-Stats $session.bulk8Ms).Median

    $round = { param($value) [Math]::Round($value) }
    $mb = { param($bytes) [Math]::Round($bytes / 1MB, 1) }

    # Cold: what a fresh process costs, per host. Two estimates of each: the median, and the best (the
    # fastest run of each variant, and differences of those): on a machine shared with other work, a run
    # slowed by it is slower, never faster, so the best estimates the cost without that disturbance.
    $best = { param($key) ($cold[$key] | Measure-Object -Minimum).Minimum }
    $overBare = { param($h, $key) [pscustomobject]@{ Median = (Get-Median $cold["$h $key"]) - (Get-Median $cold["$h bare"]); Best = (& $best "$h $key") - (& $best "$h bare") } }
    $nodeRun = [pscustomobject]@{ Median = Get-Median $cold['node']; Best = & $best 'node' }
    $coldRows = foreach ($h in 'tool', 'host') {
        $hostName = if ($h -eq 'tool') { 'dotnet tool pwsh' } else { 'precompiled host' }
        $row = { param($name, $figure, $note) [pscustomobject]@{ Host = $hostName; Measurement = $name; 'Median ms' = & $round $figure.Median; 'Best ms' = & $round $figure.Best; Runs = $cold["$h bare"].Count; Note = $note } }
        & $row 'pwsh start, bare (-File of an empty script)' ([pscustomobject]@{ Median = Get-Median $cold["$h bare"]; Best = & $best "$h bare" }) 'whole process'
        & $row 'Import-Module over bare' (& $overBare $h 'import') 'target <= 150 ms'
        & $row '  an empty module''s import over bare' (& $overBare $h 'import empty') 'PowerShell''s own first-import cost'
        & $row '  the module without its views over bare' (& $overBare $h 'import noformat') 'the difference: what the format data costs'
        & $row 'Workflow, fresh pwsh -File, over bare' (& $overBare $h 'workflow r2r') 'target: less than the Node peer''s whole run'
        & $row '  the same with the IL build only' (& $overBare $h 'workflow il') 'no ReadyToRun images (Windows PowerShell, another .NET)'
    }
    $coldRows = @($coldRows) + [pscustomobject]@{ Host = 'node'; Measurement = 'Node peer, @aws-sdk/client-iam, whole run'; 'Median ms' = & $round $nodeRun.Median; 'Best ms' = & $round $nodeRun.Best; Runs = $cold['node'].Count; Note = 'process start included' }
    Write-Host 'Cold: fresh processes in rounds that interleave every variant; median, and best (fastest run; differences of fastest runs).'
    $coldRows | Format-Table -AutoSize | Out-String -Width 220 | Write-Host

    # Phases of one cold run, from the module's verbose lines.
    $phaseNames = [ordered]@{
        StartToScript = 'process start to the script''s first line'
        Import = 'Import-Module'
        EngineAndConnection = 'first cmdlet to its connection (engine, credentials, clients)'
        FirstRequest = 'first request (iam:CreatePolicy) and its output'
        Role = 'New-SsmHybridServiceRole (CreateRole, 4 attachments)'
        WarmWorkflow = 'the same workflow again, same process'
        StsCall = 'a new connection''s first STS call, SDK warm'
    }
    $phaseRows = foreach ($phase in $phaseNames.Keys) {
        $row = [ordered]@{ Phase = $phaseNames[$phase] }
        foreach ($h in 'tool', 'host') {
            foreach ($variant in 'il', 'r2r') {
                $values = $phases["$h $variant $phase"]
                $row["$h $variant"] = '{0} / {1}' -f (& $round (Get-Median $values)), (& $round ($values | Measure-Object -Minimum).Minimum)
            }
        }
        [pscustomobject]$row
    }
    $stsInWorkflow = Get-Median $phases['tool r2r StsCalls']
    Write-Host "Phases of one cold workflow, median / best ms (tool = dotnet tool pwsh, host = precompiled host; il = IL build only, r2r = ReadyToRun images). STS calls in the workflow: $stsInWorkflow."
    $phaseRows | Format-Table -AutoSize | Out-String -Width 220 | Write-Host

    Add-Row 'Workflow: module, warm session' (Get-Stats $session.times) "first run in the session: $([Math]::Round($session.firstMs)) ms"
    Add-Row 'Workflow: same 6 calls, raw SDK client' (Get-Stats $session.rawWorkflow) 'signed requests through the engine client'
    Add-Row 'Workflow: AWS CLI v2 (6 commands)' (Get-Stats $cli) 'whole processes'
    Add-Row 'Workflow: Node client-iam, warm' (Get-Stats $node.times) 'one process'
    Add-Row 'Per IAM call: module cmdlet' (Get-Stats $session.perCall) 'Add- of an attached policy: 1 call'
    Add-Row 'Per IAM call: raw SDK client' (Get-Stats $session.rawPerCall) 'same call, same process'
    Write-Host 'Warm: one dotnet tool pwsh session with the module imported.'
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

    $bulk = @(
        [pscustomobject]@{ Way = "module pipeline, -ThrottleLimit 1, $BulkRoles roles"; 'Total ms' = [Math]::Round($moduleBulk1); 'Per role ms' = [Math]::Round($moduleBulk1 / $BulkRoles, 1) }
        [pscustomobject]@{ Way = "module pipeline, -ThrottleLimit 8, $BulkRoles roles"; 'Total ms' = [Math]::Round($moduleBulk8); 'Per role ms' = [Math]::Round($moduleBulk8 / $BulkRoles, 1) }
        [pscustomobject]@{ Way = "Node, concurrency 1, $BulkRoles roles"; 'Total ms' = [Math]::Round($nodeBulk1); 'Per role ms' = [Math]::Round($nodeBulk1 / $BulkRoles, 1) }
        [pscustomobject]@{ Way = "Node, concurrency 8, $BulkRoles roles"; 'Total ms' = [Math]::Round($nodeBulk8); 'Per role ms' = [Math]::Round($nodeBulk8 / $BulkRoles, 1) }
        [pscustomobject]@{ Way = "AWS CLI loop, $CliBulkRoles roles (x$($BulkRoles / $CliBulkRoles) for $BulkRoles)"; 'Total ms' = [Math]::Round($cliBulk * $BulkRoles / $CliBulkRoles); 'Per role ms' = [Math]::Round($cliBulk / $CliBulkRoles, 1) }
    )
    Write-Host "Bulk: medians of 3 runs of $BulkRoles roles each (role + AmazonSSMManagedInstanceCore)."
    $bulk | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

    # What each lever gained, in this run, and what it costs in installed size.
    $perSet = if ($imageFolders) { (Get-Size (Join-Path $ModulePath "Dependencies/$($imageFolders[0].Name)")) } else { 0 }
    $gain = { param($h, $slow, $fast) [pscustomobject]@{ Median = (Get-Median $cold["$h $slow"]) - (Get-Median $cold["$h $fast"]); Best = (& $best "$h $slow") - (& $best "$h $fast") } }
    $both = { param($figure) '{0} / {1}' -f (& $round $figure.Median), (& $round $figure.Best) }
    $phaseFigure = { param($key) [pscustomobject]@{ Median = Get-Median $phases[$key]; Best = ($phases[$key] | Measure-Object -Minimum).Minimum } }
    $levers = @(
        [pscustomobject]@{ Lever = "ReadyToRun images (engine, AWSSDK.Core, AWSSDK.SecurityToken) for $running"; 'tool ms' = & $both (& $gain 'tool' 'workflow il' 'workflow r2r'); 'host ms' = & $both (& $gain 'host' 'workflow il' 'workflow r2r'); Size = "+$(& $mb $perSet) MB per .NET version and platform; $($imageFolders.Count) built: +$(& $mb ($moduleSize - $ilSize)) MB" }
        [pscustomobject]@{ Lever = 'No STS call when the account is known (learned from CreatePolicy)'; 'tool ms' = & $both (& $phaseFigure 'tool r2r StsCall'); 'host ms' = & $both (& $phaseFigure 'host r2r StsCall'); Size = 'none' }
        [pscustomobject]@{ Lever = 'Format data loaded at import (kept: the views need it); a cost'; 'tool ms' = & $both (& $gain 'tool' 'import' 'import noformat'); 'host ms' = & $both (& $gain 'host' 'import' 'import noformat'); Size = "$([Math]::Round((Get-Item (Join-Path $ModulePath 'SsmHybridRole.Format.ps1xml')).Length / 1KB)) KB" }
        [pscustomobject]@{ Lever = 'A precompiled PowerShell (the host, not the module): bare start'; 'tool ms' = '-'; 'host ms' = & $both ([pscustomobject]@{ Median = (Get-Median $cold['tool bare']) - (Get-Median $cold['host bare']); Best = (& $best 'tool bare') - (& $best 'host bare') }); Size = 'PowerShell''s own' }
    )
    Write-Host 'Levers: milliseconds gained per cold workflow (median / best), and what each costs in installed size.'
    $levers | Format-Table -AutoSize | Out-String -Width 220 | Write-Host

    $warm = (Get-Stats $session.times).Median
    $raw = (Get-Stats $session.rawWorkflow).Median
    $target = { param($name, $measured, $met) [pscustomobject]@{ Target = $name; Measured = $measured; Met = $(if ($met) { 'met' } else { 'not met' }) } }
    $targets = @(
        foreach ($h in 'tool', 'host') {
            $hostName = if ($h -eq 'tool') { 'dotnet tool pwsh' } else { 'precompiled host' }
            $import = & $overBare $h 'import'
            $workflow = & $overBare $h 'workflow r2r'
            & $target "Import-Module <= 150 ms over bare, $hostName (best)" "$(& $round $import.Best) ms (median $(& $round $import.Median))" ($import.Best -le 150)
            & $target "Fresh workflow over bare < Node's whole run, $hostName (best)" "$(& $round $workflow.Best) vs $(& $round $nodeRun.Best) ms (medians $(& $round $workflow.Median) vs $(& $round $nodeRun.Median))" ($workflow.Best -lt $nodeRun.Best)
        }
        & $target 'No AWSSDK assembly loaded by the import' "$($session.awssdkAfterImport) loaded" ($session.awssdkAfterImport -eq 0)
        & $target 'Warm workflow <= 1.1 x its raw requests' "$([Math]::Round($warm / $raw, 2)) x ($(& $round $warm) / $(& $round $raw) ms)" ($warm / $raw -le 1.1)
        & $target 'Warm workflow faster than Node' "$(& $round $warm) vs $(& $round (Get-Stats $node.times).Median) ms" ($warm -lt (Get-Stats $node.times).Median)
        & $target 'Warm workflow >= 5 x faster than AWS CLI' "$([Math]::Round((Get-Stats $cli).Median / $warm, 1)) x" ((Get-Stats $cli).Median / $warm -ge 5)
        & $target "Bulk $BulkRoles at least as fast as Node, concurrency 1" "$(& $round $moduleBulk1) vs $(& $round $nodeBulk1) ms" ($moduleBulk1 -le $nodeBulk1)
        & $target "Bulk $BulkRoles at least as fast as Node, concurrency 8" "$(& $round $moduleBulk8) vs $(& $round $nodeBulk8) ms" ($moduleBulk8 -le $nodeBulk8)
        & $target '<= 40 MB working set for import + workflow' "import $(& $mb ($session.ws1 - $session.ws0)) MB + workflow $(& $mb ($session.ws2 - $session.ws1)) MB = $(& $mb ($session.ws2 - $session.ws0)) MB" (($session.ws2 - $session.ws0) -le 40MB)
    )
    $targets | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Write-Host
    Write-Host ("Installed module: {0} MB ({1} MB IL build, {2} MB of ReadyToRun images: {3})" -f (& $mb $moduleSize), (& $mb $ilSize), (& $mb ($moduleSize - $ilSize)), $(if ($imageFolders) { $imageFolders.Name -join ', ' } else { 'none' }))
    Write-Host ("Machine: {0} cores, {1}, {2}, PowerShell {3}, .NET {4}, moto {5}" -f [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::OSDescription, (Get-Date -Format 'yyyy-MM-dd'), $PSVersionTable.PSVersion, [Environment]::Version, ((& python3 -c 'import moto; print(moto.__version__)') -join ''))
}
finally {
    Stop-Moto $moto
}
