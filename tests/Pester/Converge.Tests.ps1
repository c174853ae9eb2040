BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url
    $script:Account = '123456789012'
    $script:WriteActions = 'CreateRole', 'DeleteRole', 'AttachRolePolicy', 'DetachRolePolicy', 'TagRole', 'UpdateRole',
        'UpdateAssumeRolePolicy', 'PutRolePermissionsBoundary', 'CreatePolicy', 'CreatePolicyVersion'
    function Get-Finding($Result, [string] $Check) { $Result.Findings | Where-Object Check -eq $Check }

    # What -WhatIf writes goes to the host, so read it back from a transcript.
    function Get-WhatIfLines([scriptblock] $Command) {
        $file = Join-Path ([IO.Path]::GetTempPath()) "whatif-$PID-$(Get-Random).txt"
        $null = Start-Transcript -Path $file
        try { $null = & $Command } finally { $null = Stop-Transcript }
        @(Get-Content $file | Where-Object { $_ -like 'What if:*' })
        Remove-Item $file
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Stop-IamProxy $Proxy
}

Describe 'Test-SsmHybridServiceRole' {
    It 'passes a role made by New-SsmHybridServiceRole, check by check' {
        $name = New-TestRoleName 'test-good'
        $null = New-SsmHybridServiceRole -RoleName $name

        $result = Test-SsmHybridServiceRole -RoleName $name -ActivationRegion us-east-2

        $result | Should -BeOfType SsmHybridRole.HybridRoleTestResult
        $result.Passed | Should -BeTrue
        $result.Findings.Check | Should -Be @('RoleExists', 'NotServiceLinked', 'TrustAllowsSsm', 'SourceConditions', 'OnlySsmMayAssume', 'ManagedInstanceCoreAttached', 'NoDeprecatedPolicy', 'AttachedPoliciesQuota')
        $result.Findings.Status | Sort-Object -Unique | Should -Be 'Pass'
        (Get-Finding $result AttachedPoliciesQuota).Message | Should -Be '1 of at most 10 managed policies attached.'
    }

    It 'warns about the seed''s plain trust, fails a missing required policy, and gives the command that fixes each' {
        $name = New-TestRoleName 'test-seed'
        $null = New-SsmHybridServiceRole -RoleName $name -NoSourceCondition
        $null = Remove-SsmHybridRolePolicy -RoleName $name -Policy ManagedInstanceCore -Force

        $result = Test-SsmHybridServiceRole -RoleName $name

        $result.Passed | Should -BeFalse
        (Get-Finding $result SourceConditions).Status | Should -Be 'Warning'
        (Get-Finding $result ManagedInstanceCoreAttached).Status | Should -Be 'Fail'
        (Get-Finding $result ManagedInstanceCoreAttached).Remedy | Should -Be "Add-SsmHybridRolePolicy -RoleName '$name' -Policy ManagedInstanceCore"

        foreach ($remedy in ($result.Findings | Where-Object Status -ne 'Pass').Remedy) { Invoke-Expression $remedy | Out-Null }
        (Test-SsmHybridServiceRole -RoleName $name).Findings.Status | Sort-Object -Unique | Should -Be 'Pass' -Because 'running the remedies fixed the role'
    }

    It 'fails an activation Region the trust does not cover, and a role that does not exist' {
        $name = New-TestRoleName 'test-region'
        $null = New-SsmHybridServiceRole -RoleName $name -ActivationRegion us-east-1

        (Get-Finding (Test-SsmHybridServiceRole -RoleName $name -ActivationRegion eu-west-1) SourceConditions).Status | Should -Be 'Fail'
        (Get-Finding (Test-SsmHybridServiceRole -RoleName "absent-$PID") RoleExists).Remedy | Should -Be "New-SsmHybridServiceRole -RoleName 'absent-$PID'"
    }

    It 'fails a trust whose source account is not the role''s, and one that does not trust SSM' {
        $name = New-TestRoleName 'test-deputy'
        $foreign = New-SsmHybridTrustPolicy -SourceAccountId 111122223333 -ActivationRegion us-east-2
        $null = New-SsmHybridServiceRole -RoleName $name -AssumeRolePolicyDocument $foreign
        (Get-Finding (Test-SsmHybridServiceRole -RoleName $name) SourceConditions).Status | Should -Be 'Fail'

        $aws = '/usr/bin/aws'
        $ec2 = New-TestRoleName 'test-ec2'
        $null = & $aws --endpoint-url $Endpoint --region us-east-2 iam create-role --role-name $ec2 --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
        (Get-Finding (Test-SsmHybridServiceRole -RoleName $ec2) TrustAllowsSsm).Status | Should -Be 'Fail'
    }

    It 'warns about the deprecated AmazonEC2RoleforSSM' {
        $name = New-TestRoleName 'test-deprecated'
        $null = New-SsmHybridServiceRole -RoleName $name -PolicyArn arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM

        $result = Test-SsmHybridServiceRole -RoleName $name

        (Get-Finding $result NoDeprecatedPolicy).Status | Should -Be 'Warning'
        $result.Passed | Should -BeTrue
    }

    It 'takes names from the pipeline by value and by property, and -Quiet returns only booleans' {
        $name = New-TestRoleName 'test-pipe'
        $role = New-SsmHybridServiceRole -RoleName $name

        $role, "absent-$PID" | Test-SsmHybridServiceRole -Quiet | Should -Be @($true, $false)
        ($role | Test-SsmHybridServiceRole).RoleName | Should -Be $name
    }

    It 'sends no write request' {
        $name = New-TestRoleName 'test-readonly'
        $null = New-SsmHybridServiceRole -RoleName $name -NoSourceCondition
        Reset-IamProxyLog $Proxy

        $null = Test-SsmHybridServiceRole -RoleName $name

        Get-Sent | Where-Object action -in $WriteActions | Should -BeNullOrEmpty
    }
}

Describe 'Set-SsmHybridServiceRole' {
    It 'creates a missing role, and a second run changes nothing and says so' {
        $name = New-TestRoleName 'set-create'

        $first = Set-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -Tag @{ team = 'ops' }
        $second = Set-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -Tag @{ team = 'ops' } -Verbose 4>&1

        $first.Changes.Change | Should -Be 'CreateRole'
        $first.Changes.Applied | Should -BeTrue
        $first.Tags['team'] | Should -Be 'ops'
        $role = $second | Where-Object { $_ -is [SsmHybridRole.HybridServiceRole] }
        $role.Changes.Count | Should -Be 0
        ($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Role '$name' is already in the wanted state; nothing to change."
    }

    It 'updates trust, description, session duration, boundary and tags, and attaches what is missing' {
        $name = New-TestRoleName 'set-update'
        $null = New-SsmHybridServiceRole -RoleName $name -NoSourceCondition
        $boundary = (New-SsmHybridS3BucketPolicy -PolicyName "$name-boundary" -OutputBucket boundary-bucket).PolicyArn

        $role = Set-SsmHybridServiceRole -RoleName $name -ActivationRegion us-east-2, eu-west-1 -Description 'hybrid nodes' -MaxSessionDuration 7200 -PermissionsBoundary $boundary -Tag @{ team = 'ops' } -Policy DirectoryServiceAccess

        $role.Changes.Change | Should -Be @('UpdateTrustPolicy', 'UpdateDescription', 'UpdateMaxSessionDuration', 'SetPermissionsBoundary', 'SetTag', 'AttachPolicy')
        $role.Changes.Applied | Sort-Object -Unique | Should -BeTrue
        $role.SourceArn | Should -Be @("arn:aws:ssm:us-east-2:${Account}:*", "arn:aws:ssm:eu-west-1:${Account}:*")
        $role.Description | Should -Be 'hybrid nodes'
        $role.MaxSessionDuration | Should -Be 7200
        $role.PermissionsBoundary | Should -Be $boundary
        $role.AttachedPolicies.ShortName | Sort-Object | Should -Be @('DirectoryServiceAccess', 'ManagedInstanceCore')
    }

    It 'compares by meaning: the seed''s own JSON with a single Statement object is already converged' {
        $name = New-TestRoleName 'set-semantic'
        $seed = '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Principal": {"Service": "ssm.amazonaws.com"}, "Action": "sts:AssumeRole" } }'
        $null = New-SsmHybridServiceRole -RoleName $name -AssumeRolePolicyDocument $seed
        Reset-IamProxyLog $Proxy

        $role = Set-SsmHybridServiceRole -RoleName $name -NoSourceCondition

        $role.Changes.Count | Should -Be 0
        Get-Sent | Where-Object action -in $WriteActions | Should -BeNullOrEmpty
    }

    It 'detaches policies that were not asked for only with -ExclusivePolicy' {
        $name = New-TestRoleName 'set-exclusive'
        $null = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer, DirectoryServiceAccess

        (Set-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer).AttachedPolicies.Count | Should -Be 3
        $role = Set-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -ExclusivePolicy

        $role.Changes.Summary | Should -Be 'Detach AmazonSSMDirectoryServiceAccess (not asked for, -ExclusivePolicy)'
        $role.AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore')
    }

    It 'prints the plan under -WhatIf, one line per change, and sends no write request' {
        $name = New-TestRoleName 'set-whatif'
        $null = New-SsmHybridServiceRole -RoleName $name -NoSourceCondition
        Reset-IamProxyLog $Proxy

        $lines = Get-WhatIfLines { Set-SsmHybridServiceRole -RoleName $name -Description 'planned' -Tag @{ a = '1'; b = '2' } -Policy CloudWatchAgentServer -WhatIf }

        $lines.Count | Should -Be 5 -Because 'trust, description, two tags and one policy'
        $lines | Should -Contain "What if: Performing the operation ""Attach CloudWatchAgentServerPolicy"" on target ""role '$name'""."
        Get-Sent | Where-Object action -in $WriteActions | Should -BeNullOrEmpty
        (Get-SsmHybridServiceRole -RoleName $name).Description | Should -BeNullOrEmpty
    }

    It 'warns that an existing role''s path cannot change' {
        $name = New-TestRoleName 'set-path'
        $null = New-SsmHybridServiceRole -RoleName $name -Path /hybrid/

        $warnings = Set-SsmHybridServiceRole -RoleName $name -Path /other/ 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }

        $warnings.Message | Should -BeLike "*IAM cannot move a role*"
    }
}

Describe 'Tab completion of -RoleName' {
    It 'offers the roles SSM can assume, and never makes Tab wait on a slow endpoint' {
        $name = New-TestRoleName 'complete'
        $null = New-SsmHybridServiceRole -RoleName $name
        $line = "Test-SsmHybridServiceRole -EndpointUrl $($Proxy.Url) -Region eu-north-1 -RoleName complete-$PID"
        Reset-IamProxyLog $Proxy
        Add-IamProxyFault $Proxy @(@{ action = 'ListRoles'; fault = 'delay'; seconds = 8; times = 1 })

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $first = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $clock.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'the endpoint holds ListRoles for 8 s, and Tab must not wait for it'
        $first.CompletionMatches | Should -BeNullOrEmpty

        # Tab again until the held answer has arrived (at most 30 s), whatever the machine's speed.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            Start-Sleep -Milliseconds 500
            $second = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        } until ($second.CompletionMatches.CompletionText -contains $name -or [DateTime]::UtcNow -gt $deadline)
        $second.CompletionMatches.CompletionText | Should -Contain $name -Because 'the slow answer filled the cache for the next Tab'
        @(Get-Sent | Where-Object action -eq 'ListRoles').Count | Should -Be 1 -Because 'every later Tab is answered from the first, slow request, not from new ones'
    }
}
