BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    # Ten member accounts; moto's STS gives each assumed role credentials that act in that account.
    $script:Accounts = 1..10 | ForEach-Object { '2000000000{0:d2}' -f $_ }
}

AfterAll {
    Stop-IamProxy $Proxy
}

Describe 'Many accounts at once' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'converges the role in ten accounts through OrganizationAccountAccessRole, one result per account' {
        $name = New-TestRoleName 'org'

        $roles = Set-SsmHybridServiceRole -RoleName $name -AccountId $Accounts -Policy CloudWatchAgentServer -ThrottleLimit 4 -EndpointUrl $Proxy.Url

        ($roles.AccountId | Sort-Object) | Should -Be $Accounts
        foreach ($role in $roles) {
            $role.Arn | Should -Be "arn:aws:iam::$($role.AccountId):role/$name"
            $role.SourceAccount | Should -Be $role.AccountId -Because 'each role trusts SSM only on behalf of its own account'
            $role.AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore')
        }
        $assumed = @(Get-Sent | Where-Object action -eq 'AssumeRole')
        $assumed.Count | Should -Be 10
        (Test-SsmHybridServiceRole -RoleName $name -AccountId $Accounts -EndpointUrl $Proxy.Url -Quiet) | Should -Be (@($true) * 10)
    }

    It 'reports a failing account as a non-terminating error and goes on with the others' {
        $name = New-TestRoleName 'orgfail'
        # Accounts not reached before, so that each needs a fresh AssumeRole (connections are kept per session).
        $Accounts = 1..10 | ForEach-Object { '3000000000{0:d2}' -f $_ }
        $bad = $Accounts[3]
        Add-IamProxyFault $Proxy @(@{ action = 'AssumeRole'; fault = 'internal'; times = 100; contains = "arn:aws:iam::${bad}:role/OrganizationAccountAccessRole" })

        $errors = $null
        $results = Test-SsmHybridServiceRole -RoleName $name -AccountId $Accounts -EndpointUrl $Proxy.Url -ErrorVariable errors -ErrorAction SilentlyContinue

        ($results.AccountId | Sort-Object) | Should -Be ($Accounts | Where-Object { $_ -ne $bad })
        $results.Passed | Sort-Object -Unique | Should -Be $false -Because 'the role does not exist in those accounts'
        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -Be $bad
        $errors[0].Exception.Message | Should -BeLike '*InternalFailure*'
    }

    It 'goes on without SourceIdentity, with a warning, when the role''s trust does not allow sts:SetSourceIdentity' {
        $account = '400000000001'
        # STS refuses every AssumeRole that sets a SourceIdentity, as for OrganizationAccountAccessRole's default trust.
        Add-IamProxyFault $Proxy @(@{ action = 'AssumeRole'; fault = 'sourceidentitydenied'; times = 100; contains = 'SourceIdentity=' })

        $warnings = $null
        $result = Test-SsmHybridServiceRole -RoleName (New-TestRoleName 'nosrcid') -AccountId $account -EndpointUrl $Proxy.Url -WarningVariable warnings -WarningAction SilentlyContinue

        $result.AccountId | Should -Be $account
        @(Get-Sent | Where-Object action -eq 'AssumeRole').fault | Should -Be @('sourceidentitydenied', $null)
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*arn:aws:iam::${account}:role/OrganizationAccountAccessRole does not allow sts:SetSourceIdentity*"
    }

    It 'plans in every account under -WhatIf and sends no write request' {
        $name = New-TestRoleName 'orgwhatif'

        $null = Set-SsmHybridServiceRole -RoleName $name -AccountId $Accounts[0..2] -EndpointUrl $Proxy.Url -WhatIf

        Get-Sent | Where-Object action -in 'CreateRole', 'AttachRolePolicy', 'UpdateRole', 'TagRole' | Should -BeNullOrEmpty
        @(Get-Sent | Where-Object action -eq 'GetRole').Count | Should -Be 3
    }

    It 'creates the role in each -AccountId with New- as Set- does, each trusting its own account, with the session policy of a change' {
        $name = New-TestRoleName 'orgnew'
        $accounts = 1..3 | ForEach-Object { '4000000000{0:d2}' -f $_ }
        # The proxy marks each AssumeRole whose session policy allows iam:CreateRole (a fault that only waits 0 s).
        $markCreate = @{ action = 'AssumeRole'; fault = 'delay'; seconds = 0; times = 100; contains = '"iam:CreateRole"' }
        Add-IamProxyFault $Proxy @($markCreate)

        $roles = New-SsmHybridServiceRole -RoleName $name -AccountId $accounts -Policy CloudWatchAgentServer -ThrottleLimit 2 -EndpointUrl $Proxy.Url

        ($roles.AccountId | Sort-Object) | Should -Be $accounts
        foreach ($role in $roles) {
            $role.Arn | Should -Be "arn:aws:iam::$($role.AccountId):role/$name"
            $role.SourceAccount | Should -Be $role.AccountId -Because 'without -SourceAccountId the trust names the account the role is made in'
            Get-MotoRoleNames $name $role.AccountId | Should -Be $name
        }
        Get-MotoRoleNames $name | Should -BeNullOrEmpty -Because 'nothing is made in the caller''s own account'
        $assumed = @(Get-Sent | Where-Object action -eq 'AssumeRole')
        $assumed.Count | Should -Be 3
        $assumed.fault | Should -Be @('delay', 'delay', 'delay') -Because 'the assumed session may create roles'

        Reset-IamProxyLog $Proxy
        Add-IamProxyFault $Proxy @($markCreate)
        $null = Set-SsmHybridServiceRole -RoleName "$name-set" -AccountId '400000000099' -EndpointUrl $Proxy.Url
        (Get-Sent | Where-Object action -eq 'AssumeRole').fault | Should -Be 'delay' -Because 'Set- may have to create the role too'
    }

    It 'converges a piped test result in the account it was checked in' {
        $name = New-TestRoleName 'orgpipe'
        $accounts = '500000000001', '500000000002'
        $null = New-SsmHybridServiceRole -RoleName $name -AccountId $accounts -NoSourceCondition -EndpointUrl $Proxy.Url -WarningAction SilentlyContinue

        $fixed = Test-SsmHybridServiceRole -RoleName $name -AccountId $accounts -EndpointUrl $Proxy.Url | Where-Object { $_.Warn -gt 0 } | Set-SsmHybridServiceRole -EndpointUrl $Proxy.Url

        ($fixed.AccountId | Sort-Object) | Should -Be $accounts
        $fixed | ForEach-Object { $_.SourceAccount | Should -Be $_.AccountId }
        Get-MotoRoleNames $name | Should -BeNullOrEmpty -Because 'a result of another account must not be converged in the caller''s'
        ($fixed | Test-SsmHybridServiceRole -EndpointUrl $Proxy.Url).Warn | Should -Be @(0, 0) -Because 'a piped role is checked in its own account'
    }

    It 'names another account in the trust only when asked, and warns that the role cannot serve its own account' {
        $name = New-TestRoleName 'orgsource'
        $warnings = $null

        $role = New-SsmHybridServiceRole -RoleName $name -SourceAccountId 111122223333 -EndpointUrl $Proxy.Url -WarningVariable warnings -WarningAction SilentlyContinue
        $own = New-SsmHybridServiceRole -RoleName "$name-own" -SourceAccountId 123456789012 -EndpointUrl $Proxy.Url -WarningVariable ownWarnings -WarningAction SilentlyContinue

        $role.AccountId | Should -Be '123456789012'
        $role.SourceAccount | Should -Be '111122223333'
        "$warnings" | Should -BeLike "Role '$name' is in account 123456789012, but its trust lets Systems Manager assume it only on behalf of account 111122223333*"
        $ownWarnings | Should -BeNullOrEmpty
        $own.SourceAccount | Should -Be '123456789012'
        (Test-SsmHybridServiceRole -RoleName $name -EndpointUrl $Proxy.Url).Passed | Should -BeFalse
    }

    It 'names the account in the verbose line of each request when it works in several, and not in the caller''s own alone' {
        $name = New-TestRoleName 'orgverbose'
        function Get-RequestLines([scriptblock] $Command) {
            @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'iam:GetRole' }).Message
        }

        $many = Get-RequestLines { Test-SsmHybridServiceRole -RoleName $name -AccountId $Accounts[0..1] -EndpointUrl $Proxy.Url -Verbose }
        $own = Get-RequestLines { Test-SsmHybridServiceRole -RoleName $name -EndpointUrl $Proxy.Url -Verbose }

        $many | Should -Not -BeNullOrEmpty
        $many | ForEach-Object { $_ | Should -Match "^Account ($($Accounts[0])|$($Accounts[1])): iam:GetRole '$name'" }
        @($many -match "^Account $($Accounts[0]):").Count | Should -Be @($many -match "^Account $($Accounts[1]):").Count
        $own | Should -Not -BeNullOrEmpty
        $own | ForEach-Object { $_ | Should -Match "^iam:GetRole '$name'" }
    }

    It 'keeps the order of piped rows when some name an account and others do not, with -ThrottleLimit' {
        $name = New-TestRoleName 'orgorder'
        $rows = @"
RoleName,AccountId
$name-1,
$name-2,
$name-3,600000000001
$name-4,
"@ | ConvertFrom-Csv

        $roles = $rows | New-SsmHybridServiceRole -ThrottleLimit 4 -EndpointUrl $Proxy.Url

        $roles.RoleName | Should -Be "$name-1", "$name-2", "$name-3", "$name-4"
        $roles.AccountId | Should -Be '123456789012', '123456789012', '600000000001', '123456789012'
        Get-MotoRoleNames "$name-3" '600000000001' | Should -Be "$name-3"
    }

    It 'lists a piped wildcard in the account of the row that brought it' {
        $name = New-TestRoleName 'orgwild'
        $first, $second = '600000000011', '600000000012'
        $null = New-SsmHybridServiceRole -RoleName "$name-a1" -AccountId $first -EndpointUrl $Proxy.Url
        $null = New-SsmHybridServiceRole -RoleName "$name-b1" -AccountId $second -EndpointUrl $Proxy.Url

        $results = [pscustomobject]@{ RoleName = "$name-a*"; AccountId = $first }, [pscustomobject]@{ RoleName = "$name-b*"; AccountId = $second } |
            Test-SsmHybridServiceRole -EndpointUrl $Proxy.Url

        @($results | ForEach-Object { "$($_.AccountId)/$($_.RoleName)" } | Sort-Object) | Should -Be "$first/$name-a1", "$second/$name-b1"
    }

    It 'refuses a -ThrottleLimit out of range with the module''s error, also without -AccountId, before any request' {
        foreach ($command in
            { New-SsmHybridServiceRole -RoleName ok -ThrottleLimit 0 -EndpointUrl $Proxy.Url },
            { Set-SsmHybridServiceRole -RoleName ok -ThrottleLimit 0 -EndpointUrl $Proxy.Url },
            { Test-SsmHybridServiceRole -RoleName ok -ThrottleLimit 65 -EndpointUrl $Proxy.Url }) {
            $errors = Invoke-Failing $command

            $errors.Count | Should -Be 1 -Because "$command"
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidThrottleLimit,*' -Because "$command"
            $errors[0].Exception.ParameterName | Should -Be 'ThrottleLimit'
        }
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'refuses a malformed account id before any request' {
        $errors = Invoke-Failing { Test-SsmHybridServiceRole -AccountId 123, $Accounts[0] -EndpointUrl $Proxy.Url }

        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAccountId,SsmHybridRole.Commands.TestSsmHybridServiceRoleCommand'
        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName ok -AccountId $Accounts[0], 123 -EndpointUrl $Proxy.Url }
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAccountId,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors = Invoke-Failing { Set-SsmHybridServiceRole -RoleName ok -AccountId $Accounts[0] -SourceAccountId 1234 -EndpointUrl $Proxy.Url }
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAccountId,SsmHybridRole.Commands.SetSsmHybridServiceRoleCommand'
        $errors[0].Exception.ParameterName | Should -Be 'SourceAccountId'
        Get-Sent | Should -BeNullOrEmpty
    }
}
