BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Secrets stay out of every stream, $Error and the transcript' {
    It 'never shows the secret key or session token, whatever the cmdlet, outcome or stream' {
        $secret = 'SeCrEtKeY0123456789abcdefSECRETxyz012345'
        $token = 'TOKEN-do-not-print-0123456789'
        $name = New-TestRoleName 'secret'
        $keys = @{ AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = $secret; SessionToken = $token; EndpointUrl = $Endpoint; Verbose = $true; Debug = $true; ErrorAction = 'Continue'; WarningAction = 'Continue' }
        $psCredential = [pscredential]::new('AKIAIOSFODNN7EXAMPLE', (ConvertTo-SecureString $secret -AsPlainText -Force))
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "secrets-$PID.txt"
        $Error.Clear()

        $null = Start-Transcript -Path $transcript
        $all = & {
            New-SsmHybridTrustPolicy @keys
            New-SsmHybridS3BucketPolicy -PolicyName "$name-s3" -OutputBucket secret-test-bucket @keys
            New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -Tag @{ team = 'ops' } @keys
            New-SsmHybridServiceRole -RoleName $name @keys
            New-SsmHybridServiceRole -RoleName 'bad name!' @keys
            New-SsmHybridServiceRole -RoleName "$name-undo" -PolicyArn 'arn:aws:iam::123456789012:policy/Missing' @keys
            Add-SsmHybridRolePolicy -RoleName $name -Policy DirectoryServiceAccess -PassThru @keys
            Add-SsmHybridRolePolicy -RoleName "$name-missing" -Policy DirectoryServiceAccess @keys
            Set-SsmHybridServiceRole -RoleName $name -Description 'secret test' @keys
            Test-SsmHybridServiceRole -RoleName $name, "$name-missing" @keys
            Get-SsmHybridServiceRole -RoleName $name @keys | Format-List * | Out-String
            Get-SsmHybridServiceRole -RoleName $name -Credential $psCredential -EndpointUrl $Endpoint -Verbose -Debug | Format-Table | Out-String
            Remove-SsmHybridRolePolicy -RoleName $name -Policy DirectoryServiceAccess @keys
            Remove-SsmHybridServiceRole -RoleName $name -Force @keys
            Remove-SsmHybridServiceRole -RoleName $name -Force @keys
        } *>&1 | Out-String -Width 400
        $null = Stop-Transcript

        $all | Should -Match 'Using credentials from -AccessKey AKIA\.\.\.MPLE' -Because 'the access key is shown masked, so the test did see verbose text'
        $all | Should -Match 'RoleNotFound|does not exist' -Because 'the error paths ran too'
        foreach ($text in $all, (Get-Content -Raw $transcript), ($Error | Format-List * -Force | Out-String -Width 400), ($Error.Exception | Format-List * -Force | Out-String -Width 400)) {
            $text | Should -Not -Match $secret
            $text | Should -Not -Match $token
        }
        Remove-Item $transcript
    }
}
