# Remove-SsmHybridRolePolicy of a policy the role does not have (often a typo): a warning that names the policy and
# the role, no DetachRolePolicy for it, and no output that claims a detach. Every request goes through the
# recording proxy, so each test can tell what left the process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url

    # The role as moto holds it, read past the proxy: its attached policies' names.
    function Get-AttachedNames([string] $RoleName) {
        @((Get-SsmHybridServiceRole -RoleName $RoleName -EndpointUrl $Endpoint).AttachedPolicies.PolicyName | Sort-Object)
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Stop-IamProxy $Proxy
}

Describe 'Remove-SsmHybridRolePolicy of a policy that is not attached' {
    BeforeEach {
        $script:Name = New-TestRoleName 'notattached'
        $null = New-SsmHybridServiceRole -RoleName $Name
        Reset-IamProxyLog $Proxy
    }

    It 'writes one warning naming the policy and the role, sends no write, writes no output and no error' {
        $warnings = $null; $errors = $null

        $output = Remove-SsmHybridRolePolicy -RoleName $Name -Policy CloudWatchAgentServer -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors -ErrorAction SilentlyContinue

        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy' is not attached to role '$Name'*"
        $warnings[0].Message | Should -BeLike '*nothing was detached*'
        $errors | Should -BeNullOrEmpty
        $output | Should -BeNullOrEmpty -Because 'without -PassThru Remove- writes nothing, and nothing was detached'
        $sent = @(Get-Sent)
        $sent.action | Should -Contain 'ListAttachedRolePolicies' -Because 'the module read what the role has before deciding'
        $sent | Where-Object action -notmatch '^(Get|List)' | ForEach-Object action | Should -BeNullOrEmpty -Because 'no DetachRolePolicy, nor any other write, is sent'
        Get-AttachedNames $Name | Should -Be 'AmazonSSMManagedInstanceCore'
    }

    It 'with -PassThru writes the warning and the role as it is (the policy still absent, no change recorded), and sends no DetachRolePolicy' {
        $warnings = $null

        $output = @(Remove-SsmHybridRolePolicy -RoleName $Name -Policy CloudWatchAgentServer -PassThru -WarningVariable warnings -WarningAction SilentlyContinue)

        $warnings.Count | Should -Be 1
        $output.Count | Should -Be 1
        $output[0].RoleName | Should -Be $Name
        $output[0].AttachedPolicies.PolicyName | Should -Be 'AmazonSSMManagedInstanceCore'
        $output[0].Changes | Should -BeNullOrEmpty -Because 'the role it writes claims no change'
        (Get-Sent).action | Should -Not -Contain 'DetachRolePolicy'
    }

    It 'detaches the one that is attached and warns only about the one that is not' {
        $null = Add-SsmHybridRolePolicy -RoleName $Name -Policy DirectoryServiceAccess
        Get-AttachedNames $Name | Should -Be 'AmazonSSMDirectoryServiceAccess', 'AmazonSSMManagedInstanceCore'
        Reset-IamProxyLog $Proxy
        $warnings = $null

        Remove-SsmHybridRolePolicy -RoleName $Name -Policy CloudWatchAgentServer, DirectoryServiceAccess -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*CloudWatchAgentServerPolicy' is not attached to role '$Name'*"
        $warnings[0].Message | Should -Not -BeLike '*AmazonSSMDirectoryServiceAccess*is not attached*'
        @(Get-Sent | Where-Object action -eq 'DetachRolePolicy').Count | Should -Be 1
        Get-AttachedNames $Name | Should -Be 'AmazonSSMManagedInstanceCore'
    }
}
