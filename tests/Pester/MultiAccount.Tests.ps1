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

    It 'plans in every account under -WhatIf and sends no write request' {
        $name = New-TestRoleName 'orgwhatif'

        $null = Set-SsmHybridServiceRole -RoleName $name -AccountId $Accounts[0..2] -EndpointUrl $Proxy.Url -WhatIf

        Get-Sent | Where-Object action -in 'CreateRole', 'AttachRolePolicy', 'UpdateRole', 'TagRole' | Should -BeNullOrEmpty
        @(Get-Sent | Where-Object action -eq 'GetRole').Count | Should -Be 3
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

    It 'refuses a malformed account id before any request' {
        $errors = Invoke-Failing { Test-SsmHybridServiceRole -AccountId 123, $Accounts[0] -EndpointUrl $Proxy.Url }

        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAccountId,SsmHybridRole.Commands.TestSsmHybridServiceRoleCommand'
        Get-Sent | Should -BeNullOrEmpty
    }
}
