BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url
    # The role names of this account, straight from the endpoint (not through the proxy or the module).
    function Get-RoleCount([string] $Name) {
        $iam = [xml](Invoke-WebRequest -Uri "$Endpoint/?Action=ListRoles&Version=2010-05-08&MaxItems=1000" -Headers @{ Authorization = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request' } -UseBasicParsing).Content
        @($iam.ListRolesResponse.ListRolesResult.Roles.member | Where-Object RoleName -eq $Name).Count
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Stop-IamProxy $Proxy
}

Describe 'Throttling and transient failures within the SDK''s retry budget' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'completes the workflow through a burst of throttling, 5xx and dropped connections, with nothing duplicated or missing' {
        $name = New-TestRoleName 'burst'
        Add-IamProxyFault $Proxy @(
            @{ action = 'GetCallerIdentity'; fault = 'unavailable'; times = 1 }
            @{ action = 'CreateRole'; fault = 'throttle'; times = 2 }
            @{ action = 'AttachRolePolicy'; fault = 'internal'; times = 1 }
            @{ action = 'AttachRolePolicy'; fault = 'reset'; times = 1 }
            @{ action = 'ListAttachedRolePolicies'; fault = 'throttle'; times = 2 }
            @{ action = 'GetRole'; fault = 'reset'; times = 1 }
        )

        $role = New-SsmHybridServiceRole -RoleName $name -Policy DirectoryServiceAccess, CloudWatchAgentServer | Add-SsmHybridRolePolicy -Policy CloudWatchAgentServer -PassThru

        $role.AttachedPolicies.PolicyName | Sort-Object | Should -Be @('AmazonSSMDirectoryServiceAccess', 'AmazonSSMManagedInstanceCore', 'CloudWatchAgentServerPolicy')
        Get-RoleCount $name | Should -Be 1
        $sent = Get-Sent
        @($sent | Where-Object { $_.action -eq 'CreateRole' }).Count | Should -Be 3 -Because 'two throttled attempts, then the one that worked'
        @($sent | Where-Object { $_.action -eq 'CreateRole' -and -not $_.fault }).Count | Should -Be 1
        @($sent | Where-Object fault).Count | Should -Be 8 -Because 'every injected fault was met and survived'
    }

    It 'honours AWS_MAX_ATTEMPTS: <Attempts> attempts survive <Throttles> throttles: <Survives>' -ForEach @(
        @{ Attempts = 5; Throttles = 4; Survives = $true }
        @{ Attempts = 2; Throttles = 2; Survives = $false }
    ) {
        $name = New-TestRoleName 'maxattempts'
        Add-IamProxyFault $Proxy @(@{ action = 'CreateRole'; fault = 'throttle'; times = $Throttles })
        $lines = Invoke-FreshPwsh @"
`$env:AWS_MAX_ATTEMPTS = '$Attempts'
Import-Module '$ModulePath'
`$role = New-SsmHybridServiceRole -RoleName '$name' -SourceAccountId 123456789012 -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue -ErrorVariable failed
if (`$role) { 'created' } else { 'failed:' + `$failed[0].FullyQualifiedErrorId }
"@
        $createAttempts = @(Get-Sent | Where-Object action -eq 'CreateRole').Count
        if ($Survives) {
            $lines | Should -Contain 'created'
            $createAttempts | Should -Be ($Throttles + 1)
        }
        else {
            $lines | Should -Contain 'failed:IamRequestFailed,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
            $createAttempts | Should -Be $Attempts
            Get-RoleCount $name | Should -Be 0
        }
    }
}

Describe 'When faults outlast the retry budget nothing is left half-made' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'New- removes the role it created and reports the original error' {
        $name = New-TestRoleName 'outlast'
        Add-IamProxyFault $Proxy @(@{ action = 'AttachRolePolicy'; fault = 'throttle'; times = 50 })

        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -WarningAction SilentlyContinue }

        $errors[0].FullyQualifiedErrorId | Should -Be 'IamRequestFailed,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[0].Exception.Message | Should -BeLike '*Throttling*'
        Get-RoleCount $name | Should -Be 0
        (Get-Sent | Where-Object action -eq 'DeleteRole').Count | Should -Be 1
    }

    It 'Set- says which changes were applied and which were not, and a re-run finishes the job' {
        $name = New-TestRoleName 'setpartial'
        $null = New-SsmHybridServiceRole -RoleName $name
        Reset-IamProxyLog $Proxy
        Add-IamProxyFault $Proxy @(@{ action = 'TagRole'; fault = 'internal'; times = 50 })

        $errors = Invoke-Failing { Set-SsmHybridServiceRole -RoleName $name -Description 'hybrid nodes' -Tag @{ team = 'ops' } -Policy CloudWatchAgentServer }

        $errors[0].FullyQualifiedErrorId | Should -Be 'ConvergenceIncomplete,SsmHybridRole.Commands.SetSsmHybridServiceRoleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $changes = $errors[0].TargetObject
        ($changes | Where-Object Applied).Change | Sort-Object | Should -Be @('AttachPolicy', 'UpdateDescription')
        ($changes | Where-Object { -not $_.Applied }).Change | Should -Be 'SetTag'
        $errors[0].Exception.Message | Should -BeLike '*Not applied: Set tag team*'

        Reset-IamProxyLog $Proxy
        $finished = Set-SsmHybridServiceRole -RoleName $name -Description 'hybrid nodes' -Tag @{ team = 'ops' } -Policy CloudWatchAgentServer
        $finished.Changes.Change | Should -Be 'SetTag'
        $finished.Tags['team'] | Should -Be 'ops'
        $again = Set-SsmHybridServiceRole -RoleName $name -Description 'hybrid nodes' -Tag @{ team = 'ops' } -Policy CloudWatchAgentServer
        $again.Changes.Count | Should -Be 0
    }
}

Describe 'IAM''s eventual consistency is waited out' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'retries NoSuchEntity for a role it has just created' {
        $name = New-TestRoleName 'propagate'
        Add-IamProxyFault $Proxy @(@{ action = 'AttachRolePolicy'; fault = 'nosuchentity'; times = 3 })

        $role = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer

        $role.AttachedPolicies.Count | Should -Be 2
        @(Get-Sent | Where-Object { $_.action -eq 'AttachRolePolicy' -and $_.fault -eq 'nosuchentity' }).Count | Should -Be 3
    }

    It 'retries MalformedPolicyDocument "Invalid principal" on CreateRole and DeleteConflict on DeleteRole' {
        $name = New-TestRoleName 'principal'
        Add-IamProxyFault $Proxy @(
            @{ action = 'CreateRole'; fault = 'invalidprincipal'; times = 2 }
            @{ action = 'DeleteRole'; fault = 'deleteconflict'; times = 2 }
        )

        $null = New-SsmHybridServiceRole -RoleName $name
        Remove-SsmHybridServiceRole -RoleName $name -Force

        Get-RoleCount $name | Should -Be 0
        @(Get-Sent | Where-Object action -eq 'CreateRole').Count | Should -Be 3
        @(Get-Sent | Where-Object action -eq 'DeleteRole').Count | Should -Be 3
    }

    It 'gives up after SSMHYBRIDROLE_PROPAGATION_TIMEOUT and reports the role as not found' {
        $name = New-TestRoleName 'timeout'
        Add-IamProxyFault $Proxy @(@{ action = 'AttachRolePolicy'; fault = 'nosuchentity'; times = 1000 })
        $lines = Invoke-FreshPwsh @"
`$env:SSMHYBRIDROLE_PROPAGATION_TIMEOUT = '3'
Import-Module '$ModulePath'
New-SsmHybridServiceRole -RoleName '$name' -SourceAccountId 123456789012 -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue | Out-Null
'error:' + `$failed[0].FullyQualifiedErrorId
"@
        $lines | Should -Contain 'error:RoleNotFound,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        Get-RoleCount $name | Should -Be 0 -Because 'the role it had created was removed again'
    }
}

Describe 'Two sessions converging the same role at once' {
    It 'both end with the wanted state and without an error (two pwsh processes)' {
        $name = New-TestRoleName 'race'
        Reset-IamProxyLog $Proxy
        # Hold each process's first read until both have sent one: both find no role and both try to create it.
        Add-IamProxyFault $Proxy @(@{ action = 'GetRole'; fault = 'barrier'; times = 2 })
        $command = "Import-Module '$ModulePath'; `$errors = `$null; `$role = Set-SsmHybridServiceRole -RoleName '$name' -Policy CloudWatchAgentServer -Tag @{ team = 'ops' } -AccountId 123456789012 -EndpointUrl '$($Proxy.Url)' -ErrorVariable errors -ErrorAction SilentlyContinue; 'errors:' + @(`$errors).Count; 'role:' + `$role.RoleName"
        $sessions = 1..2 | ForEach-Object {
            $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            foreach ($argument in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $command) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            [System.Diagnostics.Process]::Start($start)
        }
        $lines = $sessions | ForEach-Object { $_.StandardOutput.ReadToEnd(); $_.WaitForExit() }

        ($lines -split "`n" | Where-Object { $_ -like 'errors:*' }).Trim() | Should -Be @('errors:0', 'errors:0')
        ($lines -split "`n" | Where-Object { $_ -like 'role:*' }).Trim() | Should -Be @("role:$name", "role:$name")
        @(Get-Sent | Where-Object { $_.action -eq 'GetRole' -and $_.fault -eq 'barrier' }).Count | Should -Be 2 -Because 'both sessions read before either wrote'
        @(Get-Sent | Where-Object action -eq 'CreateRole').Count | Should -Be 2 -Because 'both sessions tried to create it'
        Get-RoleCount $name | Should -Be 1
        $final = Get-SsmHybridServiceRole -RoleName $name
        $final.AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore')
        $final.Tags['team'] | Should -Be 'ops'
    }
}
