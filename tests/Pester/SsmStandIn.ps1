# Dot-sourced by the Pester files that need Systems Manager: the stand-in (tests/tools/ssm_endpoint.py, checked
# against botocore's SSM model), started against this run's moto so that roles must exist there, and helpers.

function Start-SsmStandIn([string[]] $Arguments = @()) {
    Start-TestTool 'ssm_endpoint.py' (@('--iam-endpoint', $Endpoint) + $Arguments)
}

function Get-SsmLog($Ssm) { @((Invoke-RestMethod "$($Ssm.Url)/__ssm/log") | ForEach-Object { $_ }) }

function Get-SsmProblems($Ssm) { @((Invoke-RestMethod "$($Ssm.Url)/__ssm/problems") | ForEach-Object { $_ }) }

function Get-SsmState($Ssm, [string] $Region = 'us-east-2') { (Invoke-RestMethod "$($Ssm.Url)/__ssm/state").$Region }

function Add-SsmFault($Ssm, [hashtable[]] $Faults) {
    $null = Invoke-RestMethod -Method Post "$($Ssm.Url)/__ssm/faults" -Body (ConvertTo-Json @($Faults) -Depth 4) -ContentType 'application/json'
}

function Set-SsmPageCap($Ssm, [int] $Cap) {
    $null = Invoke-RestMethod -Method Post "$($Ssm.Url)/__ssm/config" -Body (@{ pageCap = $Cap } | ConvertTo-Json) -ContentType 'application/json'
}

# What SSM Agent does on a server with an activation's id and code: registers it as a managed node.
function Register-TestNode($Ssm, $Activation, [string] $ComputerName = 'server', [string] $PingStatus = 'Online') {
    $body = @{ region = $Activation.Region; activationId = $Activation.ActivationId; activationCode = $Activation.GetActivationCode(); computerName = $ComputerName; pingStatus = $PingStatus }
    (Invoke-RestMethod -Method Post "$($Ssm.Url)/__ssm/register" -Body ($body | ConvertTo-Json) -ContentType 'application/json').InstanceId
}

# A role in moto that SSM accepts (it trusts ssm.amazonaws.com).
function New-TestHybridRole([string] $Prefix, [string] $Path = '/') {
    New-SsmHybridServiceRole -RoleName (New-TestRoleName $Prefix) -Path $Path -EndpointUrl $Endpoint
}

# Runs a command that must be refused before any request: its first error has this id and category
# InvalidArgument, and the stand-in saw nothing.
function Assert-RefusedBeforeRequest($Ssm, [scriptblock] $Command, [string] $FullyQualifiedErrorId) {
    $before = @(Get-SsmLog $Ssm).Count
    $errors = Invoke-Failing $Command

    $errors[0].FullyQualifiedErrorId | Should -Be $FullyQualifiedErrorId
    $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    @(Get-SsmLog $Ssm).Count | Should -Be $before
}
