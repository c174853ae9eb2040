BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
}

AfterAll {
    Stop-IamProxy $Proxy
}

# A cold script pays for every request it makes, the STS one included (benchmarked in bench/, not here).
Describe 'The first calls of a session ask STS only what they do not know' {
    BeforeEach { Reset-IamProxyLog $Proxy }

    It 'learns the account from the policy it created, so the role after it needs no STS call' {
        $name = New-TestRoleName 'first'
        $lines = Invoke-FreshPwsh @"
Import-Module '$ModulePath'
`$s3 = New-SsmHybridS3BucketPolicy -PolicyName '$name-s3' -OutputBucket my-output-bucket -EndpointUrl '$($Proxy.Url)'
`$role = New-SsmHybridServiceRole -RoleName '$name' -PolicyArn `$s3.PolicyArn -EndpointUrl '$($Proxy.Url)'
'account:' + (`$role.SourceAccount -join ',')
"@

        $lines | Should -Contain 'account:123456789012'
        (Get-Sent).action | Should -Contain 'CreatePolicy'
        (Get-Sent).action | Should -Contain 'CreateRole'
        (Get-Sent).action | Should -Not -Contain 'GetCallerIdentity'
    }

    It 'asks STS once when nothing told the account yet' {
        $name = New-TestRoleName 'first-sts'
        $lines = Invoke-FreshPwsh @"
Import-Module '$ModulePath'
`$role = New-SsmHybridServiceRole -RoleName '$name' -EndpointUrl '$($Proxy.Url)'
`$again = New-SsmHybridServiceRole -RoleName '$name-2' -EndpointUrl '$($Proxy.Url)'
'account:' + (`$role.SourceAccount -join ',') + '/' + (`$again.SourceAccount -join ',')
"@

        $lines | Should -Contain 'account:123456789012/123456789012'
        @((Get-Sent).action | Where-Object { $_ -eq 'GetCallerIdentity' }).Count | Should -Be 1
    }
}
