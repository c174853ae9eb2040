BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../module/SsmHybridRole') -Force
    $script:Cmdlets = Get-Command -Module SsmHybridRole | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help' {
    It '<Name> has a synopsis, a description, two examples or more, and help for every parameter' -ForEach $Cmdlets {
        $help = Get-Help $Name -Full

        $help.Synopsis | Should -Not -BeLike "*$Name*" -Because 'a generated stub repeats the syntax instead of a synopsis'
        $help.Synopsis | Should -Not -BeNullOrEmpty
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $Common }) {
            (Get-Help $Name -Parameter $parameter).description.Text | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs help"
        }
    }

    It 'has an example of the AWS procedure' {
        (Get-Help New-SsmHybridServiceRole -Examples).examples.example.code -join "`n" | Should -Match 'New-SsmHybridS3BucketPolicy.*\n.*New-SsmHybridServiceRole .*-Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn'
    }

    It 'has an about topic' {
        Get-Help about_SsmHybridRole | Out-String | Should -Match 'THE PROCEDURE AS A PIPELINE'
    }

    It 'is checked by the build, which fails when a parameter has no help' {
        $source = Join-Path (New-TestFolder 'help') 'help'
        Copy-Item (Join-Path $RepoRoot 'docs/help') $source -Recurse -Force
        $file = Join-Path $source 'Add-SsmHybridRolePolicy.md'
        (Get-Content -Raw $file) -replace '(?s)### -PassThru.*?(?=## INPUTS)', '' | Set-Content $file
        $copy = Join-Path (New-TestFolder 'module') 'SsmHybridRole'
        Copy-Item $ModulePath (Split-Path $copy) -Recurse -Force

        $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tools/Build-Help.ps1') -ModulePath $copy -SourcePath $source 2>&1
        $exit = $LASTEXITCODE

        $exit | Should -Not -Be 0
        ($output | Out-String) | Should -Match 'Add-SsmHybridRolePolicy: parameter -PassThru has no help'
        Remove-Item -Recurse -Force $source, (Split-Path $copy)
    }
}
