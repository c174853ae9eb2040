# What the module will and will not touch: hybrid service roles only, the trust statements and Regions it does
# not manage, shared customer managed policies, and conditions read as IAM reads them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url
    $script:WriteActions = 'CreateRole', 'DeleteRole', 'AttachRolePolicy', 'DetachRolePolicy', 'TagRole', 'UpdateRole', 'UpdateAssumeRolePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'DeleteRolePolicy', 'RemoveRoleFromInstanceProfile'

    # Roles and policies made as an admin would make them by hand, with AWS CLI v2 straight at moto.
    function Invoke-Cli {
        $out = & /usr/bin/aws --endpoint-url $Endpoint --region us-east-2 --output json @args
        if ($LASTEXITCODE) { throw "aws $args failed" }
        if ($out) { $out | ConvertFrom-Json }
    }
    function New-ForeignRole([string] $Name, [object] $Trust, [string[]] $PolicyArn = @(), [string] $Path = '/') {
        $file = Join-Path ([IO.Path]::GetTempPath()) "$Name.trust.json"
        Set-Content $file ($Trust | ConvertTo-Json -Depth 10)
        $null = Invoke-Cli iam create-role --role-name $Name --path $Path --assume-role-policy-document "file://$file"
        foreach ($arn in $PolicyArn) { $null = Invoke-Cli iam attach-role-policy --role-name $Name --policy-arn $arn }
        Remove-Item $file
    }
    function Get-Trust([object[]] $Statement) { @{ Version = '2012-10-17'; Statement = $Statement } }
    $script:SsmStatement = @{ Effect = 'Allow'; Principal = @{ Service = 'ssm.amazonaws.com' }; Action = 'sts:AssumeRole' }
    $script:Core = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'

    # Remove- asks Systems Manager whether a role is in use: SSM goes to the stand-in, IAM through the proxy.
    . (Join-Path $PSScriptRoot 'SsmStandIn.ps1')
    $script:Ssm = Start-SsmStandIn
    $env:AWS_ENDPOINT_URL_SSM = $Ssm.Url
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Remove-Item Env:AWS_ENDPOINT_URL_SSM -ErrorAction SilentlyContinue
    if ($Ssm -and -not $Ssm.Process.HasExited) { $Ssm.Process.Kill() }
    Stop-IamProxy $Proxy
}

Describe 'What a hybrid service role is' {
    BeforeAll {
        $script:Prefix = New-TestRoleName 'kinds'
        $script:Made = (New-SsmHybridServiceRole -RoleName "$Prefix-made").RoleName
        New-ForeignRole "$Prefix-console" (Get-Trust @($SsmStatement)) -PolicyArn $Core -Path '/service-role/'
        New-ForeignRole "$Prefix-automation" (Get-Trust @($SsmStatement)) -PolicyArn 'arn:aws:iam::aws:policy/service-role/AmazonSSMAutomationRole'
        New-ForeignRole "$Prefix-maintenance" (Get-Trust @($SsmStatement))
    }

    It 'Get- without a name lists the roles the module made and hand-made ones with AmazonSSMManagedInstanceCore, not Automation or Maintenance Window roles' {
        $listed = @(Get-SsmHybridServiceRole | Where-Object RoleName -like "$Prefix-*")

        $listed.RoleName | Sort-Object | Should -Be @("$Prefix-console", "$Prefix-made")
        $listed.IsHybridServiceRole | Should -Be @($true, $true)
    }

    It 'Get- -All, a name or a wildcard widens it to every role that trusts ssm.amazonaws.com' {
        (Get-SsmHybridServiceRole -All | Where-Object RoleName -like "$Prefix-*").RoleName | Sort-Object | Should -Be @("$Prefix-automation", "$Prefix-console", "$Prefix-made", "$Prefix-maintenance")
        (Get-SsmHybridServiceRole -RoleName "$Prefix-*").RoleName | Sort-Object | Should -Be @("$Prefix-automation", "$Prefix-console", "$Prefix-made", "$Prefix-maintenance")
        $automation = Get-SsmHybridServiceRole -RoleName "$Prefix-automation"
        $automation.IsHybridServiceRole | Should -BeFalse
    }

    It 'Test- without a name checks the same roles Get- without a name lists' {
        $tested = @(Test-SsmHybridServiceRole | Where-Object RoleName -like "$Prefix-*").RoleName | Sort-Object
        $listed = @(Get-SsmHybridServiceRole | Where-Object RoleName -like "$Prefix-*").RoleName | Sort-Object

        $tested | Should -Be $listed
        @(Test-SsmHybridServiceRole -RoleName "$Prefix-m*").RoleName | Sort-Object | Should -Be @("$Prefix-made", "$Prefix-maintenance")
    }

    It 'Remove- refuses a role that is not a hybrid service role, before any write, and removes it with -Force' {
        Reset-IamProxyLog $Proxy

        $errors = Invoke-Failing { Remove-SsmHybridServiceRole -RoleName "$Prefix-automation" -Confirm:$false }

        $errors[0].FullyQualifiedErrorId | Should -Be 'NotAHybridServiceRole,SsmHybridRole.Commands.RemoveSsmHybridServiceRoleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errors[0].TargetObject | Should -Be "$Prefix-automation"
        Get-Sent | Where-Object action -in $WriteActions | Should -BeNullOrEmpty
        Get-MotoRoleNames "$Prefix-automation" | Should -Be "$Prefix-automation"

        Remove-SsmHybridServiceRole -RoleName "$Prefix-automation" -Force
        Get-MotoRoleNames "$Prefix-automation" | Should -BeNullOrEmpty
    }

    It 'Remove- takes several names and wildcards, each checked: hybrid service roles go, the others stay and are named' {
        $errors = $null
        Remove-SsmHybridServiceRole -RoleName "$Prefix-*" -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue

        Get-MotoRoleNames "$Prefix-" | Should -Be @("$Prefix-maintenance")
        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -Be "$Prefix-maintenance"
    }
}

Describe 'Remove- refuses a role that Systems Manager still uses' {
    It 'names the activations and nodes and their Regions, writes nothing, and removes the role with -Force' {
        $role = New-SsmHybridServiceRole -RoleName (New-TestRoleName 'inuse')
        $activation = New-SsmHybridActivation -RoleName $role.RoleName -RegistrationLimit 2 -EndpointUrl $Ssm.Url
        $null = Register-TestNode $Ssm $activation 'still-here'
        $null = New-SsmHybridActivation -RoleName $role.RoleName -Region eu-west-1 -EndpointUrl $Ssm.Url
        Reset-IamProxyLog $Proxy

        $errors = Invoke-Failing { Remove-SsmHybridServiceRole -RoleName $role.RoleName -Region us-east-2, eu-west-1 -Confirm:$false }

        $errors[0].FullyQualifiedErrorId | Should -Be 'RoleInUse,SsmHybridRole.Commands.RemoveSsmHybridServiceRoleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $errors[0].Exception.Message | Should -BeLike '*2 unexpired activation(s) (in eu-west-1, us-east-2) and 1 registered managed node(s) (in us-east-2)*'
        Get-Sent | Where-Object action -in $WriteActions | Should -BeNullOrEmpty
        Get-MotoRoleNames $role.RoleName | Should -Be $role.RoleName

        Remove-SsmHybridServiceRole -RoleName $role.RoleName -Region us-east-2 -Force
        Get-MotoRoleNames $role.RoleName | Should -BeNullOrEmpty
    }
}

Describe 'Set- manages only its own statement of the trust policy' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'keeps a statement of the user''s verbatim, and -ExclusiveTrust replaces the whole document' {
        $name = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'statements')).RoleName
        $theirs = @{ Sid = 'AutomationAccount'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::111122223333:root' }; Action = 'sts:AssumeRole' }
        $current = (Get-SsmHybridServiceRole -RoleName $name).TrustPolicy | ConvertFrom-Json
        $file = Join-Path ([IO.Path]::GetTempPath()) "$name.json"
        Set-Content $file (Get-Trust @($current.Statement[0], $theirs) | ConvertTo-Json -Depth 10)
        $null = Invoke-Cli iam update-assume-role-policy --role-name $name --policy-document "file://$file"

        $output = Set-SsmHybridServiceRole -RoleName $name -ActivationRegion us-east-2, eu-west-1 -Confirm:$false -Verbose 4>&1
        $plan = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Performing the operation*' }).Message
        $updated = $output | Where-Object { $_ -is [SsmHybridRole.HybridServiceRole] }
        $statements = @(($updated.TrustPolicy | ConvertFrom-Json).Statement)

        $plan | Should -Match "statement 'AutomationAccount' Allow AWS arn:aws:iam::111122223333:root"
        $statements.Count | Should -Be 2
        ($statements | Where-Object Sid -eq 'AutomationAccount' | ConvertTo-Json -Compress) | Should -Be ($theirs | ConvertTo-Json | ConvertFrom-Json | ConvertTo-Json -Compress)
        $updated.SourceArn.Count | Should -Be 2

        $exclusive = Set-SsmHybridServiceRole -RoleName $name -ActivationRegion us-east-2, eu-west-1 -ExclusiveTrust
        @(($exclusive.TrustPolicy | ConvertFrom-Json).Statement).Count | Should -Be 1
        $exclusive.Changes.Change | Should -Be 'UpdateTrustPolicy'
        Remove-Item $file
    }

    It 'keeps the Regions the role covers when -ActivationRegion is not given' {
        $name = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'regions') -ActivationRegion us-east-2, eu-west-1).RoleName

        $result = Set-SsmHybridServiceRole -RoleName $name -Description 'kept regions'

        $result.Changes.Change | Should -Be 'UpdateDescription'
        $result.SourceArn | Sort-Object | Should -Be @('arn:aws:ssm:eu-west-1:123456789012:*', 'arn:aws:ssm:us-east-2:123456789012:*')
    }

    It 'asks again about each change when the role appears between the plan and the creation, and keeps -ExclusivePolicy' {
        $name = New-TestRoleName 'raceask'
        # The module's CreateRole is held at the proxy; meanwhile someone else makes the role, to the end, with a policy the module was not asked for.
        Add-IamProxyFault $Proxy @(@{ action = 'CreateRole'; fault = 'gate'; gate = 'race'; times = 1 })
        $proxyUrl = $Proxy.Url
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModulePath
            Set-SsmHybridServiceRole -RoleName $using:name -Policy CloudWatchAgentServer -ExclusivePolicy -EndpointUrl $using:proxyUrl -Verbose -Confirm:$false 4>&1
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not (Get-Sent | Where-Object action -eq 'CreateRole') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        New-ForeignRole $name (Get-Trust @($SsmStatement)) -PolicyArn $Core, 'arn:aws:iam::aws:policy/AmazonSSMDirectoryServiceAccess'
        Open-IamProxyGate $Proxy 'race'
        $output = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force

        $asked = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Performing the operation*' }).Message
        $asked | Should -Contain "Performing the operation `"Detach AmazonSSMDirectoryServiceAccess (not asked for, -ExclusivePolicy)`" on target `"role '$name'`"."
        $asked | Should -Contain "Performing the operation `"Attach CloudWatchAgentServerPolicy`" on target `"role '$name'`"."
        (Get-SsmHybridServiceRole -RoleName $name).AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore')
    }
}

Describe 'Shared customer managed policies are protected' {
    BeforeAll {
        # A moto of this Describe's own: moto's ListEntitiesForPolicy looks only at the first 100 roles of the
        # account (by their random ids), so in the shared moto, full of the suite's roles, the role that uses
        # the policy is counted or not by chance. IAM counts them all.
        $script:SharedMoto = Start-Moto
        $script:SuiteEndpoint = $Endpoint
        $script:SuiteProxy = $Proxy
        $script:Endpoint = $SharedMoto.Url
        $script:Proxy = Start-IamProxy -Upstream $SharedMoto.Url
        $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url

        $script:Policy = "shared-$PID"
        $document = Join-Path ([IO.Path]::GetTempPath()) "$Policy.json"
        Set-Content $document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::their-bucket/*"}]}'
        $script:PolicyArn = (Invoke-Cli iam create-policy --policy-name $Policy --policy-document "file://$document").Policy.Arn
        $user = "shared-user-$PID"
        $null = Invoke-Cli iam create-user --user-name $user
        $null = Invoke-Cli iam attach-user-policy --user-name $user --policy-arn $PolicyArn
        $role = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'shareduser') -PolicyArn $PolicyArn).RoleName
        # Five versions: IAM's limit, so a new one needs the oldest deleted first.
        foreach ($n in 2..5) {
            Set-Content $document ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::their-bucket-' + $n + '/*"}]}')
            $null = Invoke-Cli iam create-policy-version --policy-arn $PolicyArn --policy-document "file://$document" --set-as-default
        }
        Remove-Item $document
    }

    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'refuses to add a version to a policy it did not make, naming who uses it, and writes nothing' {
        $errors = Invoke-Failing { New-SsmHybridS3BucketPolicy -PolicyName $Policy -OutputBucket our-bucket -Confirm:$false }

        $errors[0].FullyQualifiedErrorId | Should -Be 'PolicyNotOwned,SsmHybridRole.Commands.NewSsmHybridS3BucketPolicyCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errors[0].Exception.Message | Should -BeLike '*attached to 1 role(s), 1 user(s) and 0 group(s)*'
        Get-Sent | Where-Object action -in 'CreatePolicyVersion', 'DeletePolicyVersion' | Should -BeNullOrEmpty
    }

    It 'with -Force asks before the new version (showing the change and who uses it) and before deleting an old one at the limit' {
        $output = New-SsmHybridS3BucketPolicy -PolicyName $Policy -OutputBucket our-bucket -Force -Confirm:$false -Verbose 4>&1

        $asked = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Performing the operation*' }).Message
        $asked[1] | Should -BeLike '*Add a new default version, attached to 1 role(s), 1 user(s) and 0 group(s): + *arn:aws:s3:::our-bucket/*- arn:aws:s3:::their-bucket-5/*'
        $asked[2] | Should -BeLike '*Delete version v1, the oldest of five*'
        ($output | Where-Object { $_ -is [SsmHybridRole.HybridS3BucketPolicy] }).Outcome | Should -Be 'Updated'
        (Get-Sent | Where-Object action -eq 'DeletePolicyVersion').Count | Should -Be 1
    }

    It 'under -WhatIf reads nothing and writes nothing' {
        $null = New-SsmHybridS3BucketPolicy -PolicyName $Policy -OutputBucket other-bucket -Force -WhatIf

        Get-Sent | Should -BeNullOrEmpty
    }

    AfterAll {
        Stop-IamProxy $Proxy
        Stop-Moto $SharedMoto
        $script:Endpoint = $SuiteEndpoint
        $script:Proxy = $SuiteProxy
        $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url
    }
}

Describe 'Test- reads trust conditions as IAM does' {
    BeforeDiscovery {
        # The rows are built at discovery, before any BeforeAll has run.
        $SsmStatement = @{ Effect = 'Allow'; Principal = @{ Service = 'ssm.amazonaws.com' }; Action = 'sts:AssumeRole' }
    }

    It '<Label>' -ForEach @(
        @{ Label = 'a negated operator is no source condition'; Check = 'SourceConditions'; Status = 'Warning'; Statement = @{ Effect = 'Allow'; Principal = @{ Service = 'ssm.amazonaws.com' }; Action = 'sts:AssumeRole'; Condition = @{ StringNotEquals = @{ 'aws:SourceAccount' = '999999999999' } } } }
        @{ Label = 'an IfExists form of a positive operator counts'; Check = 'SourceConditions'; Status = 'Pass'; Statement = @{ Effect = 'Allow'; Principal = @{ Service = 'ssm.amazonaws.com' }; Action = 'sts:AssumeRole'; Condition = @{ StringEqualsIfExists = @{ 'aws:SourceAccount' = '123456789012' }; ArnLike = @{ 'aws:SourceArn' = 'arn:aws:ssm:us-east-2:123456789012:*' } } } }
        @{ Label = 'a Deny for ssm.amazonaws.com counts'; Check = 'TrustAllowsSsm'; Status = 'Fail'; Statement = @($SsmStatement, @{ Effect = 'Deny'; Principal = @{ Service = 'ssm.amazonaws.com' }; Action = 'sts:AssumeRole' }) }
        @{ Label = 'another account as principal is a failure with its remedy'; Check = 'OnlySsmMayAssume'; Status = 'Fail'; Statement = @($SsmStatement, @{ Effect = 'Allow'; Principal = @{ AWS = '111122223333' }; Action = 'sts:AssumeRole' }) }
        @{ Label = 'anyone as principal is a failure'; Check = 'OnlySsmMayAssume'; Status = 'Fail'; Statement = @($SsmStatement, @{ Effect = 'Allow'; Principal = @{ AWS = '*' }; Action = 'sts:AssumeRole' }) }
        @{ Label = 'a federated provider as principal is a failure'; Check = 'OnlySsmMayAssume'; Status = 'Fail'; Statement = @($SsmStatement, @{ Effect = 'Allow'; Principal = @{ Federated = 'cognito-identity.amazonaws.com' }; Action = 'sts:AssumeRoleWithWebIdentity' }) }
    ) {
        $name = New-TestRoleName 'conditions'
        New-ForeignRole $name (Get-Trust @($Statement)) -PolicyArn $Core

        $finding = (Test-SsmHybridServiceRole -RoleName $name -ActivationRegion us-east-2).Findings | Where-Object Check -eq $Check

        $finding.Status | Should -Be $Status
        if ($Check -eq 'OnlySsmMayAssume') { $finding.Remedy | Should -Be "Set-SsmHybridServiceRole -RoleName '$name' -ExclusiveTrust" }
    }
}
