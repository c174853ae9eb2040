# The seed workflow in a fresh pwsh, timed phase by phase from the script's first line; the module's verbose
# lines mark where a cmdlet has its connection and where each request goes out. Prints one JSON line.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $EndpointUrl, [Parameter(Mandatory)] [string] $Name)
$clock = [Diagnostics.Stopwatch]::StartNew()
$startToScript = ([DateTime]::Now - [Diagnostics.Process]::GetCurrentProcess().StartTime).TotalMilliseconds
$ErrorActionPreference = 'Stop'
$marks = [Collections.Generic.List[object]]::new()
# Notes the time of each verbose line of the command piped in (its stream 4 merged into the output) and passes the rest on.
function Receive-Marked {
    process { if ($_ -is [Management.Automation.VerboseRecord]) { $marks.Add([pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Text = $_.Message }) } else { $_ } }
}
function First([string] $Like, [double] $After = 0) { ($marks | Where-Object { $_.Text -like $Like -and $_.Ms -ge $After } | Select-Object -First 1).Ms }

$t0 = $clock.Elapsed.TotalMilliseconds
Import-Module $ModulePath
$t1 = $clock.Elapsed.TotalMilliseconds
$s3 = New-SsmHybridS3BucketPolicy -PolicyName "$Name-s3" -OutputBucket bench-output -EndpointUrl $EndpointUrl -Verbose 4>&1 | Receive-Marked
$t3 = $clock.Elapsed.TotalMilliseconds
$null = New-SsmHybridServiceRole -RoleName $Name -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn $s3.PolicyArn -EndpointUrl $EndpointUrl -Verbose 4>&1 | Receive-Marked
$t4 = $clock.Elapsed.TotalMilliseconds
$stsCalls = 0
foreach ($mark in $marks) { if ($mark.Text -like 'sts:*') { $stsCalls++ } }
$s3 = New-SsmHybridS3BucketPolicy -PolicyName "$Name-warm-s3" -OutputBucket bench-output -EndpointUrl $EndpointUrl
$null = New-SsmHybridServiceRole -RoleName "$Name-warm" -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn $s3.PolicyArn -EndpointUrl $EndpointUrl
$t5 = $clock.Elapsed.TotalMilliseconds
# What the first STS call of a connection costs once the SDK is warm: what the seed workflow no longer pays.
$before = $clock.Elapsed.TotalMilliseconds
$null = New-SsmHybridServiceRole -RoleName "$Name-sts" -Region us-west-2 -EndpointUrl $EndpointUrl -Verbose 4>&1 | Receive-Marked

# Read the marks only now: the first Where-Object or Select-Object of a session loads modules, which must
# not fall into a timed phase.
$t2 = First 'Using credentials*'
$sts = First 'sts:GetCallerIdentity*' $before
$stsMs = (First 'iam:CreateRole*' $sts) - $sts

[ordered]@{
    StartToScript = $startToScript
    Import = $t1 - $t0
    EngineAndConnection = $t2 - $t1
    FirstRequest = $t3 - $t2
    Role = $t4 - $t3
    StsCalls = $stsCalls
    WarmWorkflow = $t5 - $t4
    StsCall = $stsMs
} | ConvertTo-Json -Compress
