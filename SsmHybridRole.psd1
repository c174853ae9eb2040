@{
    RootModule             = 'SsmHybridRole.dll'
    # Stamped by build.ps1 from VersionPrefix in Directory.Build.props, the one source of the version.
    ModuleVersion          = '0.0.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b0f7a52-6c1e-4d39-9a2f-2f4d8d6e4a11'
    Author                 = 'SsmHybridRole contributors'
    CompanyName            = 'SsmHybridRole'
    Copyright              = '(c) SsmHybridRole contributors. Apache-2.0.'
    Description            = 'Creates, checks, repairs and removes the AWS IAM service role that AWS Systems Manager needs for hybrid (on-premises) managed nodes, as a PowerShell pipeline.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('SsmHybridRole.Format.ps1xml')
    # Keeps the activation code out of Export-Clixml, jobs and remoting.
    TypesToProcess         = @('SsmHybridRole.Types.ps1xml')
    CmdletsToExport        = @(
        'New-SsmHybridServiceRole'
        'Get-SsmHybridServiceRole'
        'Set-SsmHybridServiceRole'
        'Test-SsmHybridServiceRole'
        'Remove-SsmHybridServiceRole'
        'Add-SsmHybridRolePolicy'
        'Remove-SsmHybridRolePolicy'
        'New-SsmHybridTrustPolicy'
        'New-SsmHybridS3BucketPolicy'
        'New-SsmHybridActivation'
        'Get-SsmHybridActivation'
        'Remove-SsmHybridActivation'
        'Get-SsmHybridManagedNode'
        'Set-SsmHybridManagedNode'
        'Unregister-SsmHybridManagedNode'
        'Get-SsmHybridInstanceTier'
        'Set-SsmHybridInstanceTier'
        'Test-SsmHybridConnectivity'
        'Export-SsmHybridRoleTemplate'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'SSM', 'SystemsManager', 'IAM', 'Hybrid', 'OnPremises', 'ManagedNode', 'Activation')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/SsmHybridRole/SsmHybridRole'
            ReleaseNotes = '0.1.0: the AWS hybrid service role procedure as cmdlets: New-, Get-, Set-, Test-, Remove-SsmHybridServiceRole; Add-/Remove-SsmHybridRolePolicy; New-SsmHybridTrustPolicy; New-SsmHybridS3BucketPolicy; New-SsmHybridActivation; Export-SsmHybridRoleTemplate (CloudFormation JSON or YAML). After registration: Get-/Remove-SsmHybridActivation, Get-/Set-/Unregister-SsmHybridManagedNode (role rotation), Get-/Set-SsmHybridInstanceTier, Test-SsmHybridConnectivity. Many accounts through an assumed role, a private AWS SDK load context, help, and -WhatIf on every change. Names changed before this release: New-SsmHybridTrustPolicy -AccountId is now -SourceAccountId (on New-SsmHybridServiceRole, -AccountId is the account to work in); PolicySummary is Policies; a change''s Description is Summary.'
        }
    }
}
