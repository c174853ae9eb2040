BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Endpoint
    $script:Templates = (New-TestFolder 'templates').FullName
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Remove-Item -Recurse -Force $Templates -ErrorAction SilentlyContinue
}

Describe '-Tag in the shapes AWS Tools users type' {
    It 'takes <Label>' -ForEach @(
        @{ Label = 'a table of tags'; Tag = { @{ team = 'ops'; env = 'prod' } } }
        @{ Label = 'Key/Value tables'; Tag = { @{ Key = 'team'; Value = 'ops' }, @{ key = 'env'; value = 'prod' } } }
        @{ Label = 'objects with Key and Value'; Tag = { [pscustomobject]@{ Key = 'team'; Value = 'ops' }, [pscustomobject]@{ Key = 'env'; Value = 'prod' } } }
        @{ Label = 'a mix'; Tag = { @{ team = 'ops' }, [pscustomobject]@{ Key = 'env'; Value = 'prod' } } }
    ) {
        $name = New-TestRoleName 'tags'
        $role = New-SsmHybridServiceRole -RoleName $name -SourceAccountId 123456789012 -Tag (& $Tag)
        $read = Get-SsmHybridServiceRole -RoleName $name
        foreach ($found in $role, $read) {
            # Besides the module's own creation marker, exactly the two tags given.
            @($found.Tags.Keys | Where-Object { $_ -ne 'SsmHybridRole:CreationId' }).Count | Should -Be 2
            $found.Tags.ContainsKey('SsmHybridRole:CreationId') | Should -BeTrue
            $found.Tags['team'] | Should -Be 'ops'
            $found.Tags['env'] | Should -Be 'prod'
            $found.Tags.ContainsKey('Key') | Should -BeFalse -Because 'a Key/Value table is one tag, never tags named Key and Value'
        }
    }

    It 'refuses a table that mixes Key and Value with other keys, before any request' {
        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName (New-TestRoleName 'tags') -SourceAccountId 123456789012 -Tag @{ Key = 'team'; Value = 'ops'; env = 'prod' } }
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidTagValue,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[0].Exception.Message | Should -BeLike '*-Tag*Key and Value is one tag*'
    }
}

Describe 'Roles as they come out' {
    It 'carry the decoded trust document and when and where the role was last used' {
        $name = New-TestRoleName 'lastused'
        $null = New-SsmHybridServiceRole -RoleName $name -SourceAccountId 123456789012
        (Get-SsmHybridServiceRole -RoleName $name).RoleLastUsed | Should -BeNullOrEmpty -Because 'nobody has used the role yet'

        # Use the role: assume it (AWS CLI v2 against moto) and sign one request with its keys.
        $assumed = & /usr/bin/aws sts assume-role --role-arn "arn:aws:iam::123456789012:role/$name" --role-session-name used --endpoint-url $Endpoint --region us-east-2 --output json | ConvertFrom-Json
        $null = Get-SsmHybridServiceRole -RoleName $name -AccessKey $assumed.Credentials.AccessKeyId -SecretKey $assumed.Credentials.SecretAccessKey -SessionToken $assumed.Credentials.SessionToken

        $role = Get-SsmHybridServiceRole -RoleName $name
        $role.RoleLastUsed.LastUsedDate | Should -BeOfType [datetime]
        ($role.AssumeRolePolicyDocument | ConvertFrom-Json).Statement[0].Principal.Service | Should -Be 'ssm.amazonaws.com'
        $role.AssumeRolePolicyDocument | Should -Be $role.TrustPolicy
        $role.AssumeRolePolicyDocument | Should -Not -Match '%7B|%22' -Because 'the document is decoded from IAM''s URL encoding'
    }
}

Describe 'CloudFormation that lints' {
    It 'passes cfn-lint: <Label>' -ForEach @(
        @{ Label = 'the default role, JSON'; Arguments = @{ Format = 'Json' } }
        @{ Label = 'the default role, YAML'; Arguments = @{ Format = 'Yaml' } }
        @{ Label = 'every option, YAML'; Arguments = @{ Format = 'Yaml'; RoleName = 'HybridNodes'; RolePath = '/hybrid/'; Description = 'On-premises servers'; Policy = 'CloudWatchAgentServer', 'DirectoryServiceAccess'; IncludeS3BucketPolicy = $true; VpcEndpoint = $true; OutputBucket = 'my-output', 'my-logs'; Encrypted = $true; CrossAccount = $true; IncludeMacOS = $true } }
        @{ Label = 'named activation Regions and a policy ARN, JSON'; Arguments = @{ Format = 'Json'; ActivationRegion = 'us-east-1', 'eu-west-1'; PolicyArn = 'arn:aws:iam::123456789012:policy/Mine' } }
        @{ Label = 'the S3 policy for an output bucket only, JSON'; Arguments = @{ Format = 'Json'; IncludeS3BucketPolicy = $true; OutputBucket = 'my-output' } }
    ) {
        $file = Join-Path $Templates ("template-" + [guid]::NewGuid().ToString('N') + $(if ($Arguments.Format -eq 'Yaml') { '.yaml' } else { '.json' }))
        Export-SsmHybridRoleTemplate @Arguments -Path $file
        (Get-Item $file).Length | Should -BeGreaterThan 100
        $lint = & cfn-lint --format parseable $file 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($lint -join "`n")
    }
}
