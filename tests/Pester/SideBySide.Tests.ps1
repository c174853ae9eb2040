BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:OtherCores = @{
        '3.7.402' = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
        '4.0.3.3' = Join-Path $packages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'
    }
    foreach ($path in $OtherCores.Values) { if (-not (Test-Path $path)) { throw "$path is missing: the test project's PackageDownload brings it (dotnet restore)." } }

    # The workflow in a fresh pwsh, with another AWSSDK.Core (as AWS.Tools loads it) before or after ours.
    function Invoke-SideBySide([string] $OtherCore, [string] $Order, [string] $RoleName) {
        $loadOther = @"
Add-Type -Path '$OtherCore'
`$other = [Amazon.Runtime.BasicAWSCredentials]::new('AKIAOTHERMODULE00001', 'other-secret')
'other:' + [Amazon.Runtime.BasicAWSCredentials].Assembly.GetName().Version + ':' + `$other.GetCredentials().AccessKey
"@
        $useOurs = @"
Import-Module '$ModulePath'
`$role = New-SsmHybridServiceRole -RoleName '$RoleName' -Policy CloudWatchAgentServer -EndpointUrl '$Endpoint' -Credential `$other
'ours:' + `$role.RoleName + ':' + (`$role.AttachedPolicies.Count)
'read:' + (Get-SsmHybridServiceRole -RoleName '$RoleName' -EndpointUrl '$Endpoint').RoleName
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' -and [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).GetType().Name -eq 'EngineLoadContext' }
'ourcore:' + `$engine.GetName().Version
"@
        $script = if ($Order -eq 'other first') { "$loadOther`n$useOurs" } else { "`$other = [pscredential]::new('AKIAOURSFIRST0000001', (ConvertTo-SecureString 'x' -AsPlainText -Force))`n$useOurs`n$loadOther`n'other still works:' + [Amazon.RegionEndpoint]::EUWest1.SystemName" }
        Invoke-FreshPwsh $script
    }
}

Describe 'Loading next to another AWSSDK.Core (AWS.Tools v4 and v5)' {
    It 'works with AWSSDK.Core <Version> loaded <Order>' -ForEach @(
        @{ Version = '3.7.402'; Order = 'other first' }
        @{ Version = '3.7.402'; Order = 'ours first' }
        @{ Version = '4.0.3.3'; Order = 'other first' }
        @{ Version = '4.0.3.3'; Order = 'ours first' }
    ) {
        $name = New-TestRoleName ("side-" + $Version.Replace('.', ''))

        $lines = Invoke-SideBySide $OtherCores[$Version] $Order $name

        $lines | Should -Contain "ours:${name}:2"
        $lines | Should -Contain "read:$name"
        $lines | Should -Contain 'ourcore:4.0.0.0' -Because 'our AWSSDK.Core 4.1 (assembly version 4.0.0.0) sits in our own load context'
        ($lines | Where-Object { $_ -like 'other:*' }) | Should -BeLike "other:$($Version.Split('.')[0]).*:AKIA*"
        if ($Order -eq 'ours first') { $lines | Should -Contain 'other still works:eu-west-1' }
    }
}
