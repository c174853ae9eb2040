# Faults that strike after IAM applied the change: the answer is lost, held or cut off. When a cmdlet returns,
# every role it touched is complete and reported, or gone and the error says so.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Stop-IamProxy $Proxy
}

Describe 'A lost answer to CreateRole' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'finishes its own role when the SDK''s retry meets EntityAlreadyExists' {
        $name = New-TestRoleName 'lostcreate'
        Add-IamProxyFault $Proxy @(@{ action = 'CreateRole'; fault = 'lostanswer'; times = 1 })

        $role = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer

        $role.RoleName | Should -Be $name
        @(Get-Sent | Where-Object action -eq 'CreateRole').Count | Should -Be 2 -Because 'the first was applied and its answer lost; the retry met EntityAlreadyExists'
        (Get-SsmHybridServiceRole -RoleName $name).AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore')
        $role.Tags['SsmHybridRole:CreationId'] | Should -Match '^[0-9a-f]{32}$' -Because 'the marker told this call''s role from someone else''s'
    }

    It 'finishes its own role when every answer to CreateRole is lost' {
        $name = New-TestRoleName 'lostall'
        Add-IamProxyFault $Proxy @(@{ action = 'CreateRole'; fault = 'lostanswer'; times = 100 })

        $role = New-SsmHybridServiceRole -RoleName $name

        $role.AttachedPolicies.ShortName | Should -Be 'ManagedInstanceCore'
        Get-MotoRoleNames $name | Should -Be @($name)
        Get-Sent | Where-Object { $_.action -eq 'CreateRole' -and -not $_.fault } | Should -BeNullOrEmpty -Because 'no answer to CreateRole ever came back'
    }

    It 'still refuses a role of the same name made by another call, and changes nothing' {
        $name = New-TestRoleName 'othercall'
        $null = New-SsmHybridServiceRole -RoleName $name
        Reset-IamProxyLog $Proxy
        Add-IamProxyFault $Proxy @(@{ action = 'CreateRole'; fault = 'lostanswer'; times = 1 })

        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer }

        $errors[0].FullyQualifiedErrorId | Should -Be 'RoleAlreadyExists,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        Get-Sent | Where-Object action -in 'AttachRolePolicy', 'DeleteRole', 'DetachRolePolicy' | Should -BeNullOrEmpty
        (Get-SsmHybridServiceRole -RoleName $name).AttachedPolicies.ShortName | Should -Be 'ManagedInstanceCore'
    }
}

Describe 'Undo trusts IAM, not its own list' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'detaches an attach whose every answer was lost, and removes the role' {
        $name = New-TestRoleName 'undolost'
        Add-IamProxyFault $Proxy @(@{ action = 'AttachRolePolicy'; fault = 'lostanswer'; times = 100; contains = 'CloudWatchAgentServerPolicy' })
        $lines = Invoke-FreshPwsh @"
`$env:SSMHYBRIDROLE_PROPAGATION_TIMEOUT = '6'
Import-Module '$ModulePath'
`$null = New-SsmHybridServiceRole -RoleName '$name' -Policy CloudWatchAgentServer -SourceAccountId 123456789012 -EndpointUrl '$($Proxy.Url)' -ErrorAction SilentlyContinue -ErrorVariable failed -WarningVariable warned -WarningAction SilentlyContinue
'error:' + `$failed[0].FullyQualifiedErrorId
'warning:' + (`$warned -join ' ')
"@

        $lines | Should -Contain 'error:EndpointUnreachable,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        ($lines | Where-Object { $_ -like 'warning:*' }) | Should -BeLike "*'$name'*removed again*"
        Get-MotoRoleNames $name | Should -BeNullOrEmpty
        @(Get-Sent | Where-Object { $_.action -eq 'DetachRolePolicy' }).Count | Should -Be 2 -Because 'both attaches landed, one of them without its answer'
    }
}

Describe 'IAM''s ConcurrentModification is retried, never a rollback' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'on attach (New-), on update, tag and trust (Set-) and on detach (Remove-SsmHybridRolePolicy)' {
        $name = New-TestRoleName 'concurrent'
        Add-IamProxyFault $Proxy @(
            @{ action = 'AttachRolePolicy'; fault = 'concurrent'; times = 2 }
            @{ action = 'UpdateRole'; fault = 'concurrent'; times = 2 }
            @{ action = 'TagRole'; fault = 'concurrent'; times = 2 }
            @{ action = 'UpdateAssumeRolePolicy'; fault = 'concurrent'; times = 2 }
            @{ action = 'DetachRolePolicy'; fault = 'concurrent'; times = 2 }
        )

        $made = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -WarningAction Stop
        $set = Set-SsmHybridServiceRole -RoleName $name -Description 'nodes' -Tag @{ team = 'ops' } -ActivationRegion us-east-2, eu-west-1 -Policy CloudWatchAgentServer
        Remove-SsmHybridRolePolicy -RoleName $name -Policy CloudWatchAgentServer

        $made.AttachedPolicies.Count | Should -Be 2
        ($set.Changes | Where-Object { -not $_.Applied }) | Should -BeNullOrEmpty
        $after = Get-SsmHybridServiceRole -RoleName $name
        $after.AttachedPolicies.ShortName | Should -Be 'ManagedInstanceCore'
        $after.Description | Should -Be 'nodes'
        $after.Tags['team'] | Should -Be 'ops'
        @(Get-Sent | Where-Object fault -eq 'concurrent').Count | Should -Be 10 -Because 'every injected ConcurrentModification was met and waited out'
        Get-Sent | Where-Object action -eq 'DeleteRole' | Should -BeNullOrEmpty -Because 'nothing was rolled back'
    }
}

Describe 'Every write path survives a lost answer' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It '<Name>' -ForEach @(
        @{ Name = 'Add-SsmHybridRolePolicy (AttachRolePolicy)'; Action = 'AttachRolePolicy'; Command = { Add-SsmHybridRolePolicy -RoleName $role -Policy CloudWatchAgentServer -PassThru }; Check = { $_.AttachedPolicies.Count -eq 2 } }
        @{ Name = 'Remove-SsmHybridRolePolicy (DetachRolePolicy)'; Action = 'DetachRolePolicy'; Command = { Remove-SsmHybridRolePolicy -RoleName $role -Policy ManagedInstanceCore -Force -PassThru }; Check = { $_.AttachedPolicies.Count -eq 0 } }
        @{ Name = 'Set-SsmHybridServiceRole (UpdateRole, TagRole)'; Action = '*'; Command = { Set-SsmHybridServiceRole -RoleName $role -Description 'lost' -Tag @{ lost = 'yes' } }; Check = { $_.Description -eq 'lost' -and $_.Tags['lost'] -eq 'yes' } }
        @{ Name = 'Remove-SsmHybridServiceRole (every step)'; Action = '*'; Command = { Remove-SsmHybridServiceRole -RoleName $role -Force; 'removed' }; Check = { $_ -eq 'removed' -and -not (Get-MotoRoleNames $role) } }
    ) {
        $script:role = New-TestRoleName 'lostwrite'
        $null = New-SsmHybridServiceRole -RoleName $role
        Reset-IamProxyLog $Proxy
        foreach ($write in 'AttachRolePolicy', 'DetachRolePolicy', 'UpdateRole', 'TagRole', 'DeleteRole') {
            if ($Action -in '*', $write) { Add-IamProxyFault $Proxy @(@{ action = $write; fault = 'lostanswer'; times = 1 }) }
        }

        $output = @(& $Command 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $result = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })

        $errors | Should -BeNullOrEmpty
        $result | Where-Object $Check | Should -Not -BeNullOrEmpty
        @(Get-Sent | Where-Object fault -eq 'lostanswer').Count | Should -BeGreaterThan 0 -Because 'an answer was lost on the way'
    }

    It 'New-SsmHybridS3BucketPolicy (CreatePolicy, then CreatePolicyVersion)' {
        $policy = "lost-s3-$PID"
        Add-IamProxyFault $Proxy @(@{ action = 'CreatePolicy'; fault = 'lostanswer'; times = 1 })
        $created = New-SsmHybridS3BucketPolicy -PolicyName $policy -OutputBucket first-bucket
        Add-IamProxyFault $Proxy @(@{ action = 'CreatePolicyVersion'; fault = 'lostanswer'; times = 1 })
        $updated = New-SsmHybridS3BucketPolicy -PolicyName $policy -OutputBucket second-bucket

        $created.PolicyArn | Should -Be "arn:aws:iam::123456789012:policy/$policy"
        $updated.Document | Should -Match 'second-bucket'
        $updated.Outcome | Should -Be 'Updated'
        @(Get-Sent | Where-Object fault -eq 'lostanswer').Count | Should -Be 2
    }
}

Describe 'A command that stops takes back what it did not report' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It '-ErrorAction Stop with -ThrottleLimit 4: the roles that exist afterwards are exactly the ones written' {
        $prefix = New-TestRoleName 'eastop'
        $names = 1..12 | ForEach-Object { "$prefix-$_" }
        # The fourth role cannot be created: its error stops the command while others are still being made.
        Add-IamProxyFault $Proxy @(@{ action = 'CreateRole'; fault = 'internal'; times = 100; contains = "RoleName=$prefix-4&" })

        $written = [System.Collections.Generic.List[string]]::new()
        { $names | New-SsmHybridServiceRole -ThrottleLimit 4 -ErrorAction Stop -WarningAction SilentlyContinue | ForEach-Object { $written.Add($_.RoleName) } } | Should -Throw

        $written | Should -Not -Contain "$prefix-4"
        Get-MotoRoleNames $prefix | Should -Be @($written | Sort-Object)
        @(Get-Sent | Where-Object action -eq 'CreateRole' | Where-Object role -like "$prefix-*" | Select-Object -ExpandProperty role -Unique).Count | Should -BeGreaterThan 4 -Because 'roles after the failing one were already being made when it failed'
    }

    It 'a downstream command that throws: the roles that exist afterwards are exactly the ones it received' {
        $prefix = New-TestRoleName 'downstream'
        $names = 1..12 | ForEach-Object { "$prefix-$_" }
        $received = [System.Collections.Generic.List[string]]::new()

        { $names | New-SsmHybridServiceRole -ThrottleLimit 4 -WarningAction SilentlyContinue | ForEach-Object { $received.Add($_.RoleName); if ($received.Count -eq 3) { throw 'downstream failure' } } } | Should -Throw 'downstream failure'

        $received.Count | Should -Be 3
        Get-MotoRoleNames $prefix | Should -Be @($received | Sort-Object)
    }

    It '$ErrorActionPreference = ''Stop'' with -AccountId: the roles that exist afterwards are exactly the ones written' {
        $name = New-TestRoleName 'orgstop'
        $accounts = 1..6 | ForEach-Object { '4000000000{0:d2}' -f $_ }
        # The third account's CreateRole fails; the others' are applied at once but their answers held, so
        # they are still being made when the failure stops the command.
        Add-IamProxyFault $Proxy @(
            @{ action = 'CreateRole'; fault = 'internal'; times = 100; contains = $accounts[2] }
            @{ action = 'CreateRole'; fault = 'holdanswer'; seconds = 15; times = 5 }
        )

        $written = [System.Collections.Generic.List[string]]::new()
        $ErrorActionPreference = 'Stop'
        try { Set-SsmHybridServiceRole -RoleName $name -AccountId $accounts -ThrottleLimit 3 -WarningAction SilentlyContinue | ForEach-Object { $written.Add($_.AccountId) } } catch { $caught = $_ }
        $ErrorActionPreference = 'Continue'

        $caught.FullyQualifiedErrorId | Should -BeLike 'IamRequestFailed,*'
        @(Get-Sent | Where-Object { $_.action -eq 'CreateRole' -and $_.fault -eq 'holdanswer' }).Count | Should -BeGreaterThan 0 -Because 'other accounts'' roles were being made when the command stopped'
        $existing = $accounts | Where-Object { Get-MotoRoleNames $name $_ }
        @($existing | Sort-Object) | Should -Be @($written | Sort-Object)
    }
}

Describe 'At scale: fifty roles through random faults' {
    It 'leaves exactly the roles it reported, each complete (seeded throttles, 5xx, resets and lost answers)' {
        $prefix = New-TestRoleName 'scale'
        Reset-IamProxyLog $Proxy
        Add-IamProxyFault $Proxy @(@{ action = '*'; fault = 'random'; rate = 0.12; seed = 20261128; times = 100000; kinds = @('throttle', 'internal', 'reset', 'lostanswer') })
        $names = 1..50 | ForEach-Object { "$prefix-$_" }

        $errors = $null
        $reported = $names | New-SsmHybridServiceRole -Policy CloudWatchAgentServer -ThrottleLimit 8 -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Reset-IamProxyLog $Proxy

        $existing = Get-MotoRoleNames $prefix
        @($existing) | Should -Be @($reported.RoleName | Sort-Object)
        foreach ($name in $existing) {
            (Get-SsmHybridServiceRole -RoleName $name).AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore') -Because "$name was reported complete"
        }
        ($reported.Count + @($errors).Count) | Should -Be 50 -Because 'each role was either reported or named in an error'
        Write-Host "scale: $($reported.Count) roles made, $(@($errors).Count) errors"
    }
}
