BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # One role as moto holds it, read straight from moto (not through the module): path, description, session
    # duration, tags and attached policies.
    function Get-MotoRole([string] $RoleName) {
        $headers = @{ Authorization = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request' }
        $query = "Version=2010-05-08&RoleName=$([uri]::EscapeDataString($RoleName))"
        $role = ([xml](Invoke-WebRequest -Uri "$Endpoint/?Action=GetRole&$query" -Headers $headers -UseBasicParsing).Content).GetRoleResponse.GetRoleResult.Role
        $attached = ([xml](Invoke-WebRequest -Uri "$Endpoint/?Action=ListAttachedRolePolicies&$query" -Headers $headers -UseBasicParsing).Content).ListAttachedRolePoliciesResponse.ListAttachedRolePoliciesResult
        $tags = @{}
        @($role.Tags.member) | Where-Object { $_ -and $_.Key -ne 'SsmHybridRole:CreationId' } | ForEach-Object { $tags[$_.Key] = $_.Value }
        [pscustomobject]@{ Path = $role.Path; Description = $role.Description; MaxSessionDuration = [int]$role.MaxSessionDuration; Tags = $tags; Policies = @($attached.AttachedPolicies.member.PolicyName | Sort-Object) }
    }
}

Describe 'A CSV of roles, as a scheduled script runs it' {
    It 'creates twenty roles from a CSV, tests them and exports a filled report, in a fresh pwsh -NonInteractive' {
        $prefix = New-TestRoleName 'auto'
        $folder = (New-TestFolder 'automation').FullName
        # Rows 1-10 cover both activation Regions, 11-15 one of them, 16-20 have the seed's plain trust.
        $rows = foreach ($i in 1..20) {
            [pscustomobject]@{
                RoleName           = '{0}-{1:d2}' -f $prefix, $i
                Path               = "/auto/team$($i % 3)/"
                Description        = "Hybrid nodes of site $i"
                MaxSessionDuration = if ($i % 4 -eq 0) { '7200' } else { '' }
                Tags               = "team=t$($i % 3);site=s$i"
                Policy             = if ($i % 5 -eq 0) { 'CloudWatchAgentServer;DirectoryServiceAccess' } elseif ($i % 2 -eq 0) { 'CloudWatchAgentServer' } else { '' }
                ActivationRegion   = if ($i -le 10) { 'us-east-2;eu-west-1' } elseif ($i -le 15) { 'us-east-2' } else { '' }
                NoSourceCondition  = if ($i -gt 15) { 'True' } else { 'False' }
            }
        }
        $rows | Export-Csv -Path (Join-Path $folder 'roles.csv') -NoTypeInformation

        $lines = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Set-Location '$folder'
Import-Csv roles.csv | New-SsmHybridServiceRole -ThrottleLimit 4 -EndpointUrl '$Endpoint' |
    Test-SsmHybridServiceRole -ActivationRegion us-east-2, eu-west-1 -EndpointUrl '$Endpoint' |
    Export-Csv report.csv -NoTypeInformation
'errors:' + `$Error.Count
"@
        $report = @(Import-Csv (Join-Path $folder 'report.csv'))
        Remove-Item -Recurse -Force $folder

        $lines | Should -Contain 'errors:0'
        $report.RoleName | Should -Be $rows.RoleName -Because 'the report keeps the order of the CSV'
        foreach ($i in 1..20) {
            $line = $report[$i - 1]
            $line.AccountId | Should -Be '123456789012'
            if ($i -le 10) {
                $line.Passed, $line.Fail, $line.Warn, $line.FirstProblem | Should -Be 'True', '0', '0', ''
            }
            elseif ($i -le 15) {
                $line.Passed, $line.Fail, $line.Warn | Should -Be 'False', '1', '0'
                $line.FirstProblem | Should -BeLike 'aws:SourceArn does not cover the activation Region(s) eu-west-1*'
            }
            else {
                $line.Passed, $line.Fail | Should -Be 'True', '0'
                [int]$line.Warn | Should -BeGreaterThan 0
                $line.FirstProblem | Should -BeLike 'The trust has no aws:SourceAccount / aws:SourceArn condition*'
            }
        }

        $AwsNames = @{ CloudWatchAgentServer = 'CloudWatchAgentServerPolicy'; DirectoryServiceAccess = 'AmazonSSMDirectoryServiceAccess' }
        Get-MotoRoleNames $prefix | Should -Be $rows.RoleName
        foreach ($row in $rows) {
            $role = Get-MotoRole $row.RoleName
            $role.Path | Should -Be $row.Path
            $role.Description | Should -Be $row.Description
            $role.MaxSessionDuration | Should -Be $(if ($row.MaxSessionDuration) { 7200 } else { 3600 })
            $role.Tags.Count | Should -Be 2
            $role.Tags['team'], $role.Tags['site'] | Should -Be ($row.Tags -split ';' -replace '^\w+=')
            $expected = @('AmazonSSMManagedInstanceCore') + @($row.Policy -split ';' | Where-Object { $_ } | ForEach-Object { $AwsNames[$_] })
            $role.Policies | Should -Be ($expected | Sort-Object)
        }
    }
}
