BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Aws = '/usr/bin/aws'
    if (-not (Test-Path $Aws)) { throw 'AWS CLI v2 is not at /usr/bin/aws: build.ps1 Test installs it (apt-get install awscli).' }
    function Invoke-Aws { $out = & $Aws --endpoint-url $Endpoint --region us-east-2 --output json @args; if ($LASTEXITCODE) { throw "aws $args failed" }; $out | ConvertFrom-Json }

    # Deploys a template to moto's CloudFormation and waits for the stack.
    function Publish-Stack([string] $Name, [string] $File) {
        $null = Invoke-Aws cloudformation create-stack --stack-name $Name --template-body "file://$File" --capabilities CAPABILITY_NAMED_IAM
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            Start-Sleep -Milliseconds 300
            $status = (Invoke-Aws cloudformation describe-stacks --stack-name $Name).Stacks[0].StackStatus
        } while ($status -like '*IN_PROGRESS' -and [DateTime]::UtcNow -lt $deadline)
        $status
    }

    # The parts of a trust policy that decide who may assume the role, comparable across roles.
    function Get-TrustShape($Role) {
        $statement = @(($Role.TrustPolicy | ConvertFrom-Json).Statement)[0]
        [pscustomobject]@{
            Service = $statement.Principal.Service; Action = $statement.Action; Effect = $statement.Effect
            SourceAccount = $Role.SourceAccount -join ','; SourceArn = $Role.SourceArn -join ','
        } | ConvertTo-Json -Compress
    }
}

Describe 'Export-SsmHybridRoleTemplate' {
    It 'deploys (<Format>) to CloudFormation as the same role and trust as New-SsmHybridServiceRole makes' -ForEach @(
        @{ Format = 'Json' }
        @{ Format = 'Yaml' }
    ) {
        $name = New-TestRoleName "cfn$($Format.ToLowerInvariant())"
        $file = Join-Path ([IO.Path]::GetTempPath()) "$name.template"
        $null = Export-SsmHybridRoleTemplate -RoleName $name -Format $Format -Policy CloudWatchAgentServer -IncludeS3BucketPolicy -VpcEndpoint -Path $file

        $status = Publish-Stack $name $file
        $fromStack = Get-SsmHybridServiceRole -RoleName $name -EndpointUrl $Endpoint
        $direct = New-SsmHybridServiceRole -RoleName "$name-direct" -Policy CloudWatchAgentServer -EndpointUrl $Endpoint

        $status | Should -Be 'CREATE_COMPLETE'
        $fromStack.TrustsSsm | Should -BeTrue
        Get-TrustShape $fromStack | Should -Be (Get-TrustShape $direct)
        (Test-SsmHybridServiceRole -RoleName $name -EndpointUrl $Endpoint -ActivationRegion us-east-2 | ForEach-Object Findings | Where-Object Check -eq SourceConditions).Status | Should -Be 'Pass'
        Remove-Item $file
    }

    It 'names the managed policies in the template itself (moto''s CloudFormation does not attach them)' {
        $template = Export-SsmHybridRoleTemplate -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn 'arn:aws:iam::123456789012:policy/Existing' -IncludeS3BucketPolicy -OutputBucket out-bucket | ConvertFrom-Json
        $role = $template.Resources.SsmHybridServiceRole.Properties

        $role.ManagedPolicyArns | ForEach-Object { $_.'Fn::Sub' } | Where-Object { $_ } | Should -Be @(
            'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore'
            'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMDirectoryServiceAccess'
            'arn:${AWS::Partition}:iam::aws:policy/CloudWatchAgentServerPolicy')
        $role.ManagedPolicyArns | Should -Contain 'arn:aws:iam::123456789012:policy/Existing'
        ($role.ManagedPolicyArns | Where-Object { $_.Ref }).Ref | Should -Be 'SsmHybridS3BucketPolicy'
        $role.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals.'aws:SourceAccount'.Ref | Should -Be 'AWS::AccountId'
        $role.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals.'aws:SourceArn'.'Fn::Sub' | Should -Be 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:*'
        $template.Resources.SsmHybridS3BucketPolicy.Properties.PolicyDocument.Statement[0].Resource.'Fn::Sub' | Should -Be @('arn:${AWS::Partition}:s3:::out-bucket/*')
    }

    It 'writes the per-Region S3 exceptions as conditions, never a wildcard Region' {
        $json = Export-SsmHybridRoleTemplate -IncludeS3BucketPolicy -VpcEndpoint
        $template = $json | ConvertFrom-Json

        $template.Conditions.PSObject.Properties.Name | Should -Be @('IsAfSouth1', 'IsEuSouth1', 'IsMeSouth1', 'HasNoBirdwatcherBucket')
        $json | Should -Match 'patch-baseline-snapshot-af-south-1-tbxdb5b9'
        $json | Should -Match 'patch-baseline-snapshot-me-south-1-uduvl7q8'
        $json | Should -Not -Match 'ssm-\*|\*-birdwatcher'
    }

    It 'takes -Format in any letter case: -Format yaml writes YAML, not JSON' {
        $yaml = Export-SsmHybridRoleTemplate -Format yaml -Policy CloudWatchAgentServer
        $json = Export-SsmHybridRoleTemplate -Format JSON -Policy CloudWatchAgentServer

        $yaml | Should -Match '(?m)^"AWSTemplateFormatVersion": "2010-09-09"$'
        $yaml.TrimStart() | Should -Not -BeLike '{*'
        ($json | ConvertFrom-Json).AWSTemplateFormatVersion | Should -Be '2010-09-09'
        (Get-Command Export-SsmHybridRoleTemplate).Parameters['Format'].ParameterType.FullName | Should -Be 'SsmHybridRole.TemplateFormat'
    }

    It 'refuses a -Format it does not write, before writing anything' {
        $file = Join-Path (New-TestFolder 'format') 'role.template'
        $errors = Invoke-Failing { Export-SsmHybridRoleTemplate -Format xml -Path $file }

        $errors[0].FullyQualifiedErrorId | Should -Be 'CannotConvertArgumentNoMessage,SsmHybridRole.Commands.ExportSsmHybridRoleTemplateCommand'
        Test-Path $file | Should -BeFalse
    }

    It 'refuses bad input: <Label>' -ForEach @(
        @{ Label = 'a bad role name'; Id = 'InvalidRoleName'; Command = { Export-SsmHybridRoleTemplate -RoleName 'a b' } }
        @{ Label = 'an unknown policy'; Id = 'UnknownPolicyName'; Command = { Export-SsmHybridRoleTemplate -Policy Admin } }
        @{ Label = 'an S3 policy with nothing to allow'; Id = 'NothingToAllow'; Command = { Export-SsmHybridRoleTemplate -IncludeS3BucketPolicy } }
    ) {
        (Invoke-Failing $Command)[0].FullyQualifiedErrorId | Should -Be "$Id,SsmHybridRole.Commands.ExportSsmHybridRoleTemplateCommand"
    }
}
