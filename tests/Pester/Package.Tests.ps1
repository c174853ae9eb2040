BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Packaging and installing from a repository' {
    It 'publishes a .nupkg that Install-PSResource installs, and the installed module imports by name with help' {
        $sandbox = (New-TestFolder 'package').FullName
        $sandboxHome = Join-Path $sandbox 'home'
        $repository = Join-Path $sandbox 'repository'
        $null = New-Item -ItemType Directory -Force $sandboxHome
        $environment = @{ HOME = $sandboxHome; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; PSModulePath = $null }

        $published = Invoke-FreshPwsh -Environment $environment @"
`$package = & '$(Join-Path $RepoRoot 'tools/Publish-LocalPackage.ps1')' -ModulePath '$ModulePath' -RepositoryPath '$repository'
'package:' + (Split-Path -Leaf `$package)
Register-PSResourceRepository -Name SandboxRepo -Uri '$repository' -Trusted
Install-PSResource -Name SsmHybridRole -Repository SandboxRepo -TrustRepository -Scope CurrentUser
'installed:' + (Get-InstalledPSResource -Name SsmHybridRole).InstalledLocation
"@
        $used = Invoke-FreshPwsh -Environment $environment @"
Import-Module SsmHybridRole
'base:' + (Get-Module SsmHybridRole).ModuleBase
'synopsis:' + (Get-Help New-SsmHybridServiceRole).Synopsis
New-SsmHybridServiceRole -RoleName PackagedRole -SourceAccountId 123456789012 -Region us-east-2 -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey x -EndpointUrl http://127.0.0.1:9 -WhatIf
"@

        $published | Should -Contain 'package:SsmHybridRole.0.1.0.nupkg'
        ($published | Where-Object { $_ -like 'installed:*' }) | Should -BeLike "installed:$sandboxHome*"
        ($used | Where-Object { $_ -like 'base:*' }) | Should -BeLike "base:$sandboxHome*"
        $used | Should -Contain 'synopsis:Creates the IAM service role that AWS Systems Manager needs for hybrid (on-premises) managed nodes.'
        ($used | Out-String) | Should -Match "What if: Performing the operation `"Create IAM role trusted by ssm.amazonaws.com and attach AmazonSSMManagedInstanceCore`" on target `"role 'PackagedRole'`""
        Remove-Item -Recurse -Force $sandbox
    }
}
