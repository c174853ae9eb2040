<#
.SYNOPSIS
    Measures SsmHybridRole against its peers on one machine and one moto endpoint, and prints a table.
.DESCRIPTION
    build.ps1 Bench runs this after building. It installs its own peers (AWS CLI v2 with apt-get, and
    @aws-sdk/client-iam with npm in bench/); the tests never do. Every figure is a median of repeated runs,
    shown with its minimum and maximum. Times are wall-clock milliseconds on loopback.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 7,
    [int] $BulkRoles = 100,
    [int] $CliBulkRoles = 20
)

$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
. (Join-Path $root 'tests/tools/Moto.ps1')

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

$pwshHost = [Environment]::ProcessPath
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
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
function Get-Stats([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [int][Math]::Floor($sorted.Count / 2)
    $median = if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[-1]; Runs = $sorted.Count }
}

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

    # 1. Import-Module over a bare pwsh start, pairwise in the same run.
    Write-Host "1/5 Import-Module ($Runs triples)"
    # PowerShell's own first Import-Module costs something whatever the module: an empty manifest module shows it.
    $empty = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "bench-empty-$PID/EmptyModule")
    Set-Content (Join-Path $empty 'EmptyModule.psd1') "@{ ModuleVersion = '1.0.0'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    $bare = @(); $imported = @(); $delta = @(); $emptyDelta = @()
    $null = Invoke-Pwsh 'exit'
    for ($i = 0; $i -lt $Runs; $i++) {
        $b = (Measure-Wall { Invoke-Pwsh 'exit' }).Ms
        $m = (Measure-Wall { Invoke-Pwsh "Import-Module '$ModulePath'" }).Ms
        $e = (Measure-Wall { Invoke-Pwsh "Import-Module '$empty'" }).Ms
        $bare += $b; $imported += $m; $delta += ($m - $b); $emptyDelta += ($e - $b)
    }
    Add-Row 'pwsh start, bare' (Get-Stats $bare)
    Add-Row 'pwsh start + Import-Module' (Get-Stats $imported)
    Add-Row 'Import-Module over bare start' (Get-Stats $delta) 'target <= 150 ms'
    Add-Row 'Import of an empty module over bare start' (Get-Stats $emptyDelta) 'PowerShell''s own first-import cost'

    # 2a, 4, 5. One fresh session: import, memory, a warm-up, then the timed workflows, per-call overhead and bulk.
    Write-Host "2/5 The module in a warm session ($Runs workflows, per-call overhead, $BulkRoles roles in bulk)"
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
`$times = foreach (`$i in 1..$Runs) { `$clock.Restart(); Run-Workflow "bench-warm-`$i"; `$clock.Elapsed.TotalMilliseconds }

# Per call: Add- of a policy that is attached already makes exactly one IAM call (ListAttachedRolePolicies).
`$perCall = foreach (`$i in 1..30) { `$clock.Restart(); Add-SsmHybridRolePolicy -RoleName bench-warmup -Policy CloudWatchAgentServer; `$clock.Elapsed.TotalMilliseconds }

# The same calls straight through the engine's IAM client (the SDK pipeline: signing, HTTP), in this process.
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'SsmHybridRole.Engine' }
`$sdk = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' -and [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_) -eq [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$engine) }
`$credentials = [Activator]::CreateInstance(`$sdk.GetType('Amazon.Runtime.BasicAWSCredentials'), @(`$env:AWS_ACCESS_KEY_ID, `$env:AWS_SECRET_ACCESS_KEY))
`$config = [Activator]::CreateInstance(`$engine.GetType('SsmHybridRole.Engine.Iam.IdentityManagementServiceConfig'))
`$config.ServiceURL = '$endpoint'; `$config.AuthenticationRegion = 'us-east-2'
`$iam = [Activator]::CreateInstance(`$engine.GetType('SsmHybridRole.Engine.Iam.IdentityManagementServiceClient'), @(`$credentials, `$config))
function New-Request([string] `$type, [hashtable] `$values) { `$r = [Activator]::CreateInstance(`$engine.GetType("SsmHybridRole.Engine.Iam.Model.`$type")); foreach (`$k in `$values.Keys) { `$r.`$k = `$values[`$k] }; `$r }
`$none = [Threading.CancellationToken]::None
`$rawPerCall = foreach (`$i in 1..30) { `$clock.Restart(); `$null = `$iam.ListAttachedRolePoliciesAsync((New-Request 'ListAttachedRolePoliciesRequest' @{ RoleName = 'bench-warmup' }), `$none).GetAwaiter().GetResult(); `$clock.Elapsed.TotalMilliseconds }
`$trust = New-SsmHybridTrustPolicy -AccountId 123456789012 -ActivationRegion us-east-2
`$rawWorkflow = foreach (`$i in 1..$Runs) {
    `$clock.Restart()
    `$policy = `$iam.CreatePolicyAsync((New-Request 'CreatePolicyRequest' @{ PolicyName = "bench-raw-`$i-s3"; PolicyDocument = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::bench-output/*"]}]}' }), `$none).GetAwaiter().GetResult().Policy.Arn
    `$null = `$iam.CreateRoleAsync((New-Request 'CreateRoleRequest' @{ RoleName = "bench-raw-`$i"; AssumeRolePolicyDocument = `$trust }), `$none).GetAwaiter().GetResult()
    foreach (`$arn in 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', `$policy, 'arn:aws:iam::aws:policy/AmazonSSMDirectoryServiceAccess', 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy') {
        `$null = `$iam.AttachRolePolicyAsync((New-Request 'AttachRolePolicyRequest' @{ RoleName = "bench-raw-`$i"; PolicyArn = `$arn }), `$none).GetAwaiter().GetResult()
    }
    `$clock.Elapsed.TotalMilliseconds
}

`$bulkMs = foreach (`$r in 1..3) { `$names = 1..$BulkRoles | ForEach-Object { "bench-bulk-m`$r-`$_" }; `$clock.Restart(); `$null = `$names | New-SsmHybridServiceRole -AccountId 123456789012; `$clock.Elapsed.TotalMilliseconds }
`$bulk8Ms = foreach (`$r in 1..3) { `$names = 1..$BulkRoles | ForEach-Object { "bench-bulk-m8`$r-`$_" }; `$clock.Restart(); `$null = `$names | New-SsmHybridServiceRole -AccountId 123456789012 -ThrottleLimit 8; `$clock.Elapsed.TotalMilliseconds }

@{ importMs = `$importMs; awssdkAfterImport = `$awssdkAfterImport; ws0 = `$ws0; ws1 = `$ws1; ws2 = `$ws2; firstMs = `$firstMs; times = @(`$times); perCall = @(`$perCall); rawPerCall = @(`$rawPerCall); rawWorkflow = @(`$rawWorkflow); bulkMs = @(`$bulkMs); bulk8Ms = @(`$bulk8Ms) } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json

    # 2b. The module in a fresh pwsh, whole process.
    Write-Host "3/5 The module in a fresh pwsh ($Runs runs)"
    $fresh = foreach ($i in 1..$Runs) {
        (Measure-Wall { Invoke-Pwsh "Import-Module '$ModulePath'; `$s3 = New-SsmHybridS3BucketPolicy -PolicyName bench-fresh-$i-s3 -OutputBucket bench-output -EndpointUrl '$endpoint'; `$null = New-SsmHybridServiceRole -RoleName bench-fresh-$i -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn `$s3.PolicyArn -EndpointUrl '$endpoint'" }).Ms
    }

    # 2c. AWS CLI v2, the seed's commands.
    Write-Host "4/5 AWS CLI v2 ($Runs runs of the seed's commands; a loop of $CliBulkRoles roles)"
    $work = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "bench-$PID")
    $trustFile = Join-Path $work 'trust.json'
    Invoke-Pwsh "Import-Module '$ModulePath'; New-SsmHybridTrustPolicy -AccountId 123456789012 -ActivationRegion us-east-2" | Set-Content $trustFile
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

    # 2d, 3. One Node process with @aws-sdk/client-iam.
    Write-Host "5/5 Node with @aws-sdk/client-iam"
    $script = Join-Path $PSScriptRoot 'workflow.mjs'
    $node = & node $script workflow $endpoint bench-node $Runs | ConvertFrom-Json
    $nodeCold = foreach ($i in 1..$Runs) { (Measure-Wall { $null = & node $script workflow $endpoint "bench-nodecold-$i" 1 }).Ms }
    $nodeBulk1 = (Get-Stats (1..3 | ForEach-Object { (& node $script bulk $endpoint "bench-bulk-n1-$_" $BulkRoles 1 | ConvertFrom-Json).totalMs })).Median
    $nodeBulk8 = (Get-Stats (1..3 | ForEach-Object { (& node $script bulk $endpoint "bench-bulk-n8-$_" $BulkRoles 8 | ConvertFrom-Json).totalMs })).Median
    $moduleBulk1 = (Get-Stats $session.bulkMs).Median
    $moduleBulk8 = (Get-Stats $session.bulk8Ms).Median

    Add-Row 'Workflow: module, warm session' (Get-Stats $session.times) "first run in the session: $([Math]::Round($session.firstMs)) ms"
    Add-Row 'Workflow: same 6 calls, raw SDK client' (Get-Stats $session.rawWorkflow) 'signed requests through the engine client'
    Add-Row 'Workflow: module, fresh pwsh' (Get-Stats $fresh) 'whole process'
    Add-Row 'Workflow: AWS CLI v2 (6 commands)' (Get-Stats $cli) 'whole processes'
    Add-Row 'Workflow: Node client-iam, warm' (Get-Stats $node.times) 'one process'
    Add-Row 'Workflow: Node client-iam, fresh process' (Get-Stats $nodeCold) 'whole process'
    Add-Row 'Per IAM call: module cmdlet' (Get-Stats $session.perCall) 'Add- of an attached policy: 1 call'
    Add-Row 'Per IAM call: raw SDK client' (Get-Stats $session.rawPerCall) 'same call, same process'
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

    $warm = (Get-Stats $session.times).Median
    $raw = (Get-Stats $session.rawWorkflow).Median
    $mb = { param($bytes) [Math]::Round($bytes / 1MB, 1) }
    $targets = @(
        [pscustomobject]@{ Target = 'Import-Module <= 150 ms over bare pwsh'; Measured = "$([Math]::Round((Get-Stats $delta).Median)) ms (in-process Import-Module: $([Math]::Round($session.importMs)) ms)"; Met = (Get-Stats $delta).Median -le 150 }
        [pscustomobject]@{ Target = 'No AWSSDK assembly loaded by the import'; Measured = "$($session.awssdkAfterImport) loaded"; Met = $session.awssdkAfterImport -eq 0 }
        [pscustomobject]@{ Target = 'Warm workflow <= 1.25 x its raw requests'; Measured = "$([Math]::Round($warm / $raw, 2)) x ($([Math]::Round($warm)) / $([Math]::Round($raw)) ms)"; Met = $warm / $raw -le 1.25 }
        [pscustomobject]@{ Target = 'Warm workflow faster than Node'; Measured = "$([Math]::Round($warm)) vs $([Math]::Round((Get-Stats $node.times).Median)) ms"; Met = $warm -lt (Get-Stats $node.times).Median }
        [pscustomobject]@{ Target = 'Warm workflow >= 5 x faster than AWS CLI'; Measured = "$([Math]::Round((Get-Stats $cli).Median / $warm, 1)) x"; Met = (Get-Stats $cli).Median / $warm -ge 5 }
        [pscustomobject]@{ Target = 'Bulk 100 at least as fast as Node, concurrency 1'; Measured = "$([Math]::Round($moduleBulk1)) vs $([Math]::Round($nodeBulk1)) ms"; Met = $moduleBulk1 -le $nodeBulk1 }
        [pscustomobject]@{ Target = 'Bulk 100 at least as fast as Node, concurrency 8'; Measured = "$([Math]::Round($moduleBulk8)) vs $([Math]::Round($nodeBulk8)) ms"; Met = $moduleBulk8 -le $nodeBulk8 }
        [pscustomobject]@{ Target = '<= 40 MB working set for import + workflow'; Measured = "import $(& $mb ($session.ws1 - $session.ws0)) MB + workflow $(& $mb ($session.ws2 - $session.ws1)) MB = $(& $mb ($session.ws2 - $session.ws0)) MB"; Met = ($session.ws2 - $session.ws0) -le 40MB }
    )
    $targets | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Write-Host
    Write-Host ("Machine: {0} cores, {1}, {2}, PowerShell {3}, .NET {4}, moto {5}" -f [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::OSDescription, (Get-Date -Format 'yyyy-MM-dd'), $PSVersionTable.PSVersion, [Environment]::Version, ((& python3 -c 'import moto; print(moto.__version__)') -join ''))
}
finally {
    Stop-Moto $moto
}
