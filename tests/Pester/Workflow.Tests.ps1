BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Endpoint
    $script:Account = '123456789012'
    # Remove- without -Force asks Systems Manager whether a role is still in use; moto has no activations.
    . (Join-Path $PSScriptRoot 'SsmStandIn.ps1')
    $script:Ssm = Start-SsmStandIn
    $env:AWS_ENDPOINT_URL_SSM = $Ssm.Url
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Remove-Item Env:AWS_ENDPOINT_URL_SSM -ErrorAction SilentlyContinue
    if ($Ssm -and -not $Ssm.Process.HasExited) { $Ssm.Process.Kill() }
}

Describe 'The seed''s procedure as a pipeline' {
    It 'creates the role with the current trust, the required policy, the optional ones and a custom S3 policy' {
        $name = New-TestRoleName 'seed'
        $s3 = New-SsmHybridS3BucketPolicy -PolicyName "$name-s3" -Region us-east-2 -VpcEndpoint -OutputBucket my-output-bucket
        $role = New-SsmHybridServiceRole -RoleName $name -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn $s3.PolicyArn

        $role | Should -BeOfType SsmHybridRole.HybridServiceRole
        $role.RoleName | Should -Be $name
        $role.Arn | Should -Be "arn:aws:iam::${Account}:role/$name"
        $role.TrustsSsm | Should -BeTrue
        $role.SourceAccount | Should -Be $Account
        $role.SourceArn | Should -Be "arn:aws:ssm:us-east-2:${Account}:*"
        $role.AttachedPolicies.PolicyName | Should -Be @('AmazonSSMManagedInstanceCore', 'AmazonSSMDirectoryServiceAccess', 'CloudWatchAgentServerPolicy', "$name-s3")
        $s3.PolicyArn | Should -Be "arn:aws:iam::${Account}:policy/$name-s3"
        $s3.Outcome | Should -Be 'Created'

        $read = Get-SsmHybridServiceRole -RoleName $name
        ($read.AttachedPolicies.PolicyArn | Sort-Object) | Should -Be ($role.AttachedPolicies.PolicyArn | Sort-Object)
        $read.TrustPolicy | ConvertFrom-Json | ForEach-Object { $_.Statement[0].Principal.Service } | Should -Be 'ssm.amazonaws.com'
    }

    It 'pipes New- into Add-SsmHybridRolePolicy by property name' {
        $name = New-TestRoleName 'pipe'
        $role = New-SsmHybridServiceRole -RoleName $name | Add-SsmHybridRolePolicy -Policy CloudWatchAgentServer -PassThru

        $role.RoleName | Should -Be $name
        $role.AttachedPolicies.ShortName | Sort-Object | Should -Be @('CloudWatchAgentServer', 'ManagedInstanceCore')
    }

    It 'pipes Get- into Remove-SsmHybridServiceRole, which removes every SSM role it is given' {
        $names = 1..3 | ForEach-Object { New-TestRoleName 'bulkremove' }
        $names | ForEach-Object { $null = New-SsmHybridServiceRole -RoleName $_ -Policy CloudWatchAgentServer }

        @(Get-MotoRoleNames "bulkremove-$PID-").Count | Should -Be 3

        Get-SsmHybridServiceRole -RoleName "bulkremove-$PID-*" | Remove-SsmHybridServiceRole -Confirm:$false

        Get-MotoRoleNames "bulkremove-$PID-" | Should -BeNullOrEmpty
        (Get-SsmLog $Ssm).action | Should -Contain 'DescribeActivations' -Because 'each role was checked for activations before it went'
    }

    It 'creates piped roles several at a time with -ThrottleLimit, in input order, and a failed one does not stop the rest' {
        $names = 1..6 | ForEach-Object { New-TestRoleName 'throttled' }
        $null = New-SsmHybridServiceRole -RoleName $names[2]

        $errors = $null
        $made = $names | New-SsmHybridServiceRole -ThrottleLimit 3 -Policy CloudWatchAgentServer -ErrorVariable errors -ErrorAction SilentlyContinue

        $made.RoleName | Should -Be ($names | Where-Object { $_ -ne $names[2] })
        $made | ForEach-Object { $_.AttachedPolicies.Count | Should -Be 2 }
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'RoleAlreadyExists,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
    }

    It 'lists only roles whose trust lets ssm.amazonaws.com assume them, across every ListRoles page' {
        $name = New-TestRoleName 'listing'
        $null = New-SsmHybridServiceRole -RoleName $name -NoSourceCondition
        $all = Get-SsmHybridServiceRole

        $all.RoleName | Should -Contain $name
        $all | ForEach-Object { $_.TrustsSsm | Should -BeTrue }
        ($all | Where-Object RoleName -eq $name).SourceArn | Should -BeNullOrEmpty
    }

    It 'accepts a trust policy of one''s own, as New-IAMRole -AssumeRolePolicyDocument does' {
        $name = New-TestRoleName 'owntrust'
        $trust = New-SsmHybridTrustPolicy -SourceAccountId $Account -ActivationRegion us-east-1, eu-west-1

        $role = New-SsmHybridServiceRole -RoleName $name -AssumeRolePolicyDocument $trust

        $role.SourceArn | Sort-Object | Should -Be @("arn:aws:ssm:eu-west-1:${Account}:*", "arn:aws:ssm:us-east-1:${Account}:*")
    }

    It 'detaches a policy, and asks before detaching the required one unless -Force' {
        $name = New-TestRoleName 'detach'
        $null = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer

        $after = Remove-SsmHybridRolePolicy -RoleName $name -Policy CloudWatchAgentServer -PassThru
        $after.AttachedPolicies.ShortName | Should -Be 'ManagedInstanceCore'
        $forced = Remove-SsmHybridRolePolicy -RoleName $name -Policy ManagedInstanceCore -Force -PassThru
        $forced.AttachedPolicies | Should -BeNullOrEmpty
    }

    It 'keeps the custom S3 policy when the document is the same, and adds a version when it differs' {
        $name = New-TestRoleName 's3'
        $first = New-SsmHybridS3BucketPolicy -PolicyName $name -OutputBucket bucket-one
        $same = New-SsmHybridS3BucketPolicy -PolicyName $name -OutputBucket bucket-one
        $changed = New-SsmHybridS3BucketPolicy -PolicyName $name -OutputBucket bucket-one, bucket-two -Encrypted

        $first.Outcome | Should -Be 'Created'
        $same.Outcome | Should -Be 'Unchanged'
        $changed.Outcome | Should -Be 'Updated'
        $changed.VersionId | Should -Be 'v2'
        $changed.PolicyArn | Should -Be $first.PolicyArn
    }
}

Describe 'The custom S3 bucket policy''s versions' {
    It 'keeps at most five versions, deleting the oldest non-default one to make room' {
        $name = New-TestRoleName 's3versions'
        $outcomes = 1..7 | ForEach-Object { (New-SsmHybridS3BucketPolicy -PolicyName $name -OutputBucket "bucket-$_").Outcome }
        $arn = "arn:aws:iam::${Account}:policy/$name"
        $versions = (& /usr/bin/aws --endpoint-url $Endpoint --region us-east-2 --output json iam list-policy-versions --policy-arn $arn | ConvertFrom-Json).Versions

        $outcomes | Should -Be @('Created', 'Updated', 'Updated', 'Updated', 'Updated', 'Updated', 'Updated')
        $versions.Count | Should -Be 5
        ($versions | Where-Object IsDefaultVersion).VersionId | Should -Be 'v7'
        ($versions.VersionId | Sort-Object) | Should -Be @('v3', 'v4', 'v5', 'v6', 'v7')
    }
}

Describe 'Cross-check with AWS CLI v2' {
    BeforeAll {
        $script:Aws = '/usr/bin/aws'
        if (-not (Test-Path $Aws)) { throw 'AWS CLI v2 is not at /usr/bin/aws: build.ps1 Test installs it (apt-get install awscli).' }
        function Invoke-Aws { $out = & $Aws --endpoint-url $Endpoint --region us-east-2 --output json @args; if ($LASTEXITCODE) { throw "aws $args failed" }; $out | ConvertFrom-Json }
    }

    It 'sees a role made by the module exactly as the module reports it' {
        $name = New-TestRoleName 'clicheck'
        $role = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer

        $cli = (Invoke-Aws iam get-role --role-name $name).Role
        $attached = (Invoke-Aws iam list-attached-role-policies --role-name $name).AttachedPolicies

        $cli.Arn | Should -Be $role.Arn
        $cli.RoleId | Should -Be $role.RoleId
        $cli.AssumeRolePolicyDocument.Statement[0].Principal.Service | Should -Be 'ssm.amazonaws.com'
        $cli.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals.'aws:SourceAccount' | Should -Be $Account
        $cli.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals.'aws:SourceArn' | Should -Be "arn:aws:ssm:us-east-2:${Account}:*"
        ($attached.PolicyArn | Sort-Object) | Should -Be ($role.AttachedPolicies.PolicyArn | Sort-Object)
    }

    It 'reads a role made with the seed''s CLI commands' {
        $name = New-TestRoleName 'cliseed'
        $trustFile = Join-Path ([IO.Path]::GetTempPath()) "$name-trust.json"
        Set-Content $trustFile -Value @'
{
               "Version": "2012-10-17",
               "Statement": {
                   "Effect": "Allow",
                   "Principal": {"Service": "ssm.amazonaws.com"},
                   "Action": "sts:AssumeRole"
               }
               }
'@
        $null = Invoke-Aws iam create-role --role-name $name --assume-role-policy-document "file://$trustFile"
        $null = & $Aws --endpoint-url $Endpoint --region us-east-2 iam attach-role-policy --role-name $name --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore

        $role = Get-SsmHybridServiceRole -RoleName $name

        $role.TrustsSsm | Should -BeTrue
        $role.SourceArn | Should -BeNullOrEmpty
        $role.AttachedPolicies.ShortName | Should -Be 'ManagedInstanceCore'
        (Get-SsmHybridServiceRole).RoleName | Should -Contain $name
    }
}
