BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Every request goes through the recording proxy, so each test can tell what left the process.
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url
    $script:WriteActions = 'CreateRole', 'DeleteRole', 'AttachRolePolicy', 'DetachRolePolicy', 'TagRole', 'UpdateRole',
        'UpdateAssumeRolePolicy', 'CreatePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'DeleteRolePolicy', 'RemoveRoleFromInstanceProfile'
    # -WhatIf (with and without -Force) is proven in WhatIf.Tests.ps1, by an allow-list of reads for every cmdlet.
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Stop-IamProxy $Proxy
}

Describe 'Bad input is refused before any request' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It '<Label> gives <Id> on -<Parameter>' -ForEach @(
        @{ Label = 'a role name with a space'; Id = 'InvalidRoleName'; Parameter = 'RoleName'; Command = { New-SsmHybridServiceRole -RoleName 'bad name!' } }
        @{ Label = 'a 65-character role name'; Id = 'InvalidRoleName'; Parameter = 'RoleName'; Command = { New-SsmHybridServiceRole -RoleName ('r' * 65) } }
        @{ Label = 'a path without slashes'; Id = 'InvalidPath'; Parameter = 'Path'; Command = { New-SsmHybridServiceRole -RoleName ok -Path hybrid } }
        @{ Label = 'a description of 1001 characters'; Id = 'InvalidDescription'; Parameter = 'Description'; Command = { New-SsmHybridServiceRole -RoleName ok -Description ('d' * 1001) } }
        @{ Label = 'a 15-minute session'; Id = 'InvalidMaxSessionDuration'; Parameter = 'MaxSessionDuration'; Command = { New-SsmHybridServiceRole -RoleName ok -MaxSessionDuration 900 } }
        @{ Label = 'a tag key starting aws:'; Id = 'InvalidTagKey'; Parameter = 'Tag'; Command = { New-SsmHybridServiceRole -RoleName ok -Tag @{ 'aws:x' = 'y' } } }
        @{ Label = 'a tag value of 257 characters'; Id = 'InvalidTagValue'; Parameter = 'Tag'; Command = { New-SsmHybridServiceRole -RoleName ok -Tag @{ team = 'v' * 257 } } }
        @{ Label = '51 tags'; Id = 'TooManyTags'; Parameter = 'Tag'; Command = { $t = @{}; 1..51 | ForEach-Object { $t["k$_"] = 'v' }; New-SsmHybridServiceRole -RoleName ok -Tag $t } }
        @{ Label = 'an unknown policy name'; Id = 'UnknownPolicyName'; Parameter = 'Policy'; Command = { New-SsmHybridServiceRole -RoleName ok -Policy S3FullAccess } }
        @{ Label = 'a malformed policy ARN'; Id = 'InvalidPolicyArn'; Parameter = 'PolicyArn'; Command = { Add-SsmHybridRolePolicy -RoleName ok -PolicyArn 'arn:aws:iam::12:policy/x' } }
        @{ Label = 'a policy ARN of another partition'; Id = 'PolicyArnPartitionMismatch'; Parameter = 'PolicyArn'; Command = { New-SsmHybridServiceRole -RoleName ok -PolicyArn 'arn:aws-cn:iam::aws:policy/CloudWatchAgentServerPolicy' } }
        @{ Label = 'an 11-digit account'; Id = 'InvalidAccountId'; Parameter = 'AccountId'; Command = { New-SsmHybridServiceRole -RoleName ok -AccountId 12345678901 } }
        @{ Label = 'a Region of another partition'; Id = 'ActivationRegionPartitionMismatch'; Parameter = 'ActivationRegion'; Command = { New-SsmHybridServiceRole -RoleName ok -ActivationRegion cn-north-1 } }
        @{ Label = 'a misspelt Region'; Id = 'InvalidActivationRegion'; Parameter = 'ActivationRegion'; Command = { New-SsmHybridServiceRole -RoleName ok -ActivationRegion 'us-east' } }
        @{ Label = 'a malformed trust policy'; Id = 'MalformedPolicyDocument'; Parameter = 'AssumeRolePolicyDocument'; Command = { New-SsmHybridServiceRole -RoleName ok -AssumeRolePolicyDocument '{"Version":' } }
        @{ Label = 'a trust policy without Action'; Id = 'TrustPolicyDoesNotAllowSsm'; Parameter = 'AssumeRolePolicyDocument'; Command = { New-SsmHybridServiceRole -RoleName ok -AssumeRolePolicyDocument '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ssm.amazonaws.com"}}}' } }
        @{ Label = 'no policy to attach'; Id = 'NoPolicySpecified'; Parameter = 'Policy'; Command = { Add-SsmHybridRolePolicy -RoleName ok } }
        @{ Label = 'a bad role name to remove'; Id = 'InvalidRoleName'; Parameter = 'RoleName'; Command = { Remove-SsmHybridServiceRole -RoleName 'a b' -Confirm:$false } }
        @{ Label = 'a bad role name to get'; Id = 'InvalidRoleName'; Parameter = 'RoleName'; Command = { Get-SsmHybridServiceRole -RoleName 'a:b' } }
        @{ Label = 'an S3 policy with nothing to allow'; Id = 'NothingToAllow'; Parameter = 'VpcEndpoint'; Command = { New-SsmHybridS3BucketPolicy } }
        @{ Label = 'a wildcard bucket Region'; Id = 'WildcardRegionNotAllowed'; Parameter = 'Region'; Command = { New-SsmHybridS3BucketPolicy -Region '*' -VpcEndpoint } }
        @{ Label = 'an invalid bucket name'; Id = 'InvalidBucketName'; Parameter = 'OutputBucket'; Command = { New-SsmHybridS3BucketPolicy -OutputBucket 'My_Bucket' } }
        @{ Label = 'a bucket Region of another partition'; Id = 'RegionPartitionMismatch'; Parameter = 'Region'; Command = { New-SsmHybridS3BucketPolicy -Region us-east-1, cn-north-1 -VpcEndpoint } }
        @{ Label = 'a policy name with a space'; Id = 'InvalidPolicyName'; Parameter = 'PolicyName'; Command = { New-SsmHybridS3BucketPolicy -PolicyName 'my policy' -OutputBucket ok-bucket } }
        @{ Label = 'a permissions boundary that is not an ARN'; Id = 'InvalidPolicyArn'; Parameter = 'PermissionsBoundary'; Command = { Set-SsmHybridServiceRole -RoleName ok -PermissionsBoundary Boundary } }
        @{ Label = 'a 13-hour session on Set-'; Id = 'InvalidMaxSessionDuration'; Parameter = 'MaxSessionDuration'; Command = { Set-SsmHybridServiceRole -RoleName ok -MaxSessionDuration 46800 } }
        @{ Label = 'a tag key with # on Set-'; Id = 'InvalidTagKey'; Parameter = 'Tag'; Command = { Set-SsmHybridServiceRole -RoleName ok -Tag @{ 'cost#' = 'x' } } }
        @{ Label = 'an unknown policy on Set-'; Id = 'UnknownPolicyName'; Parameter = 'Policy'; Command = { Set-SsmHybridServiceRole -RoleName ok -Policy AdministratorAccess } }
        @{ Label = 'the deprecated policy by name'; Id = 'UnknownPolicyName'; Parameter = 'Policy'; Command = { Add-SsmHybridRolePolicy -RoleName ok -Policy AmazonEC2RoleforSSM } }
        @{ Label = 'a bad role name to test'; Id = 'InvalidRoleName'; Parameter = 'RoleName'; Command = { Test-SsmHybridServiceRole -RoleName 'a b' } }
        @{ Label = 'a misspelt Region to test'; Id = 'InvalidActivationRegion'; Parameter = 'ActivationRegion'; Command = { Test-SsmHybridServiceRole -RoleName ok -ActivationRegion 'eu-west' } }
        @{ Label = 'a trust policy of another partition'; Id = 'TrustPolicyPartitionMismatch'; Parameter = 'AssumeRolePolicyDocument'; Command = { New-SsmHybridServiceRole -RoleName ok -AssumeRolePolicyDocument (New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion cn-north-1) } }
        @{ Label = 'a trust policy over 2048 characters'; Id = 'PolicyDocumentTooLarge'; Parameter = 'AssumeRolePolicyDocument'; Command = { New-SsmHybridServiceRole -RoleName ok -AssumeRolePolicyDocument ('{"Id":"' + ('x' * 2100) + '"}') } }
        @{ Label = 'an access key without a secret key'; Id = 'MissingSecretKey'; Parameter = 'SecretKey'; Command = { Get-SsmHybridServiceRole -RoleName ok -AccessKey AKIAIOSFODNN7EXAMPLE } }
        @{ Label = 'a Region that is not one'; Id = 'InvalidRegion'; Parameter = 'Region'; Command = { Get-SsmHybridServiceRole -RoleName ok -Region 'Ohio' } }
        @{ Label = 'an endpoint that is not a URL'; Id = 'InvalidEndpointUrl'; Parameter = 'EndpointUrl'; Command = { Get-SsmHybridServiceRole -RoleName ok -EndpointUrl '127.0.0.1:5000' } }
    ) {
        $errors = Invoke-Failing $Command

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,SsmHybridRole.Commands.*"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.ParameterName | Should -Be $Parameter
        $errors[0].Exception.Rule | Should -Not -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike "-$Parameter *"
        Get-Sent | Should -BeNullOrEmpty -Because 'nothing may be sent for bad input'
    }

    It 'goes on with the next pipeline input after a bad one' {
        $good = New-TestRoleName 'pipeline-good'
        $errors = $null
        $made = $good, 'bad name!', "$good-2" | New-SsmHybridServiceRole -ErrorAction SilentlyContinue -ErrorVariable errors

        $made.RoleName | Should -Be @($good, "$good-2")
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidRoleName,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[0].TargetObject | Should -Be 'bad name!'
    }
}

Describe 'Errors from IAM become ErrorRecords with stable ids' {
    It 'RoleAlreadyExists (ResourceExists) points to Add-SsmHybridRolePolicy and changes nothing' {
        $name = New-TestRoleName 'exists'
        $null = New-SsmHybridServiceRole -RoleName $name
        Reset-IamProxyLog $Proxy

        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer }

        $errors[0].FullyQualifiedErrorId | Should -Be 'RoleAlreadyExists,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].TargetObject | Should -Be $name
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Add-SsmHybridRolePolicy*'
        (Get-Sent | Where-Object action -in $WriteActions).action | Should -Be 'CreateRole'
        (Get-SsmHybridServiceRole -RoleName $name).AttachedPolicies.PolicyName | Should -Be 'AmazonSSMManagedInstanceCore'
    }

    It 'RoleNotFound (ObjectNotFound) when adding a policy to a role that does not exist' {
        $errors = Invoke-Failing { Add-SsmHybridRolePolicy -RoleName "missing-$PID" -Policy CloudWatchAgentServer }

        $errors[0].FullyQualifiedErrorId | Should -Be 'RoleNotFound,SsmHybridRole.Commands.AddSsmHybridRolePolicyCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be "missing-$PID"
    }

    It 'RoleNotFound from Get- and Remove- for a name that does not exist, with advice that fits each' {
        $got = (Invoke-Failing { Get-SsmHybridServiceRole -RoleName "missing-$PID" })[0]
        $removed = (Invoke-Failing { Remove-SsmHybridServiceRole -RoleName "missing-$PID" -Force })[0]

        $got.FullyQualifiedErrorId | Should -Be 'RoleNotFound,SsmHybridRole.Commands.GetSsmHybridServiceRoleCommand'
        $got.ErrorDetails.RecommendedAction | Should -BeLike '*New-SsmHybridServiceRole*'
        $removed.FullyQualifiedErrorId | Should -Be 'RoleNotFound,SsmHybridRole.Commands.RemoveSsmHybridServiceRoleCommand'
        $removed.ErrorDetails.RecommendedAction | Should -Not -BeLike '*New-SsmHybridServiceRole*' -Because 'removing a role that does not exist does not call for creating it'
        $removed.ErrorDetails.RecommendedAction | Should -BeLike '*needs no removal*'
    }

    It 'PolicyNotFound undoes the role it had created' {
        $name = New-TestRoleName 'undo'
        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -PolicyArn 'arn:aws:iam::123456789012:policy/NotThere' -WarningAction SilentlyContinue }

        $errors[0].FullyQualifiedErrorId | Should -Be 'PolicyNotFound,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[0].TargetObject | Should -Be 'arn:aws:iam::123456789012:policy/NotThere'
        (Invoke-Failing { Get-SsmHybridServiceRole -RoleName $name })[0].FullyQualifiedErrorId | Should -BeLike 'RoleNotFound,*'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-SsmHybridServiceRole -RoleName "nothing-matches-$PID-*" -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }
}

Describe 'Requests are signed' {
    It 'signs every request it does send with SigV4 for the right service' {
        Reset-IamProxyLog $Proxy
        $null = New-SsmHybridServiceRole -RoleName (New-TestRoleName 'signed')

        $sent = Get-Sent
        $sent.Count | Should -BeGreaterThan 1
        $sent | ForEach-Object { $_.signed | Should -BeTrue }
        ($sent | Where-Object action -eq 'CreateRole').service | Should -Be 'iam'
    }
}
