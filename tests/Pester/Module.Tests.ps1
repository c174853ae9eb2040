BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'SsmHybridRole' }
    $script:CmdletTypes = $Assembly.GetTypes() | Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) }
}

Describe 'The built module' {
    It 'exports exactly the cmdlets its assembly defines' {
        $defined = $CmdletTypes | ForEach-Object {
            $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            "$($attribute.VerbName)-$($attribute.NounName)"
        }
        $exported = (Get-Module SsmHybridRole).ExportedCmdlets.Keys
        ($exported | Sort-Object) | Should -Be ($defined | Sort-Object)
        (Import-PowerShellDataFile (Join-Path $ModulePath 'SsmHybridRole.psd1')).CmdletsToExport | Sort-Object | Should -Be ($defined | Sort-Object)
    }

    It 'names each cmdlet class <Verb><Noun>Command, sealed, with an OutputType' {
        foreach ($type in $CmdletTypes) {
            $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $type.Name | Should -Be ("$($attribute.VerbName)$($attribute.NounName)Command" -replace '-', '')
            $type.IsSealed | Should -BeTrue
            $type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) | Should -Not -BeNullOrEmpty -Because $type.Name
            $attribute.NounName | Should -BeLike 'SsmHybrid*'
        }
    }

    It 'supports -WhatIf on every cmdlet that changes IAM, and asks for confirmation on removal' {
        foreach ($name in 'New-SsmHybridServiceRole', 'Add-SsmHybridRolePolicy', 'Remove-SsmHybridRolePolicy', 'Remove-SsmHybridServiceRole', 'New-SsmHybridS3BucketPolicy') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf' -Because $name
        }
        (Get-Command Remove-SsmHybridServiceRole).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'has no Amazon type in any parameter or output type' {
        foreach ($command in Get-Command -Module SsmHybridRole) {
            $command.Parameters.Values.ParameterType.FullName | Should -Not -Match '^Amazon\.' -Because $command.Name
            $command.OutputType.Type.FullName | Should -Not -Match '^Amazon\.' -Because $command.Name
        }
    }

    It 'takes the connection parameters of AWS Tools, with their aliases' {
        $parameters = (Get-Command Get-SsmHybridServiceRole).Parameters
        $parameters['Region'].Aliases | Should -Contain 'RegionToCall'
        $parameters['ProfileName'].Aliases | Should -Contain 'StoredCredentials'
        $parameters['ProfileLocation'].Aliases | Should -Contain 'ProfilesLocation'
        $parameters['AccessKey'].Aliases | Should -Contain 'AK'
        $parameters['SecretKey'].Aliases | Should -Contain 'SecretAccessKey'
        $parameters['SessionToken'].Aliases | Should -Contain 'ST'
        $parameters.Keys | Should -Contain 'Credential'
        $parameters.Keys | Should -Contain 'EndpointUrl'
    }

    It 'loads no AWSSDK assembly on import, and loads it into its own context on first use' {
        $command = @"
# Assemblies load on any thread, some with no runspace: the watcher is C#, not a script block.
Add-Type -TypeDefinition 'public static class FirstEngineLoad { public static string Stack; public static void Watch() { System.AppDomain.CurrentDomain.AssemblyLoad += (s, e) => { var n = e.LoadedAssembly.GetName().Name; if (Stack == null && (n.StartsWith("AWSSDK") || n == "SsmHybridRole.Engine")) { Stack = System.Environment.StackTrace; } }; } }'
[FirstEngineLoad]::Watch()
Import-Module '$ModulePath'
`$names = { [AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.GetName().Name } | Where-Object { `$_ -like 'AWSSDK*' -or `$_ -eq 'SsmHybridRole.Engine' } }
'import:' + (@(& `$names) -join ',')
if ([FirstEngineLoad]::Stack) { 'first load at: ' + [FirstEngineLoad]::Stack }
`$null = New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'SsmHybridRole.Engine' }
'context:' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$core).GetType().Name
"@
        $lines = Invoke-FreshPwsh $command
        $lines | Should -Contain 'import:' -Because ($lines -join "`n")
        $lines | Should -Contain 'context:EngineLoadContext'
    }

    It 'loads the ReadyToRun images built for the running .NET, and their IL build where there are none' {
        # The first request of a fresh session: where its assemblies came from, and how many methods the JIT
        # had to compile for it (precompiled code is used as it is, so far fewer when the images are used).
        # Call counting is off in that process so the count holds first compilations only, not the background
        # recompilation of hot methods, whose timing varies with the machine's load.
        function Invoke-FirstRequest([string] $Module) {
            $lines = Invoke-FreshPwsh -Environment @{ DOTNET_TC_CallCounting = '0' } @"
Import-Module '$Module'
`$null = New-SsmHybridTrustPolicy -SourceAccountId 123456789012
`$before = [System.Runtime.JitInfo]::GetCompiledMethodCount(`$false)
`$null = Get-SsmHybridServiceRole -RoleName 'no-such-role' -EndpointUrl '$Endpoint' -ErrorAction SilentlyContinue
'jit:' + ([System.Runtime.JitInfo]::GetCompiledMethodCount(`$false) - `$before)
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'SsmHybridRole.Engine', 'AWSSDK.Core' } | ForEach-Object { `$_.GetName().Name + '=' + `$_.Location }
"@
            [pscustomobject]@{
                Jit       = [int](($lines | Where-Object { $_ -like 'jit:*' }) -replace '^jit:')
                Locations = @($lines | Where-Object { $_ -like '*=*' }) | ForEach-Object { $name, $path = $_ -split '=', 2; [pscustomobject]@{ Name = $name; Path = $path } }
            }
        }
        function Test-ReadyToRun([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try { ([Reflection.PortableExecutable.PEReader]::new($stream)).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 } finally { $stream.Dispose() }
        }
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $running = "net$([Environment]::Version.Major).0-$os-$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())"
        $dependencies = Join-Path $ModulePath 'Dependencies'
        Test-Path (Join-Path $dependencies $running) | Should -BeTrue -Because "build.ps1 precompiles for the platform it runs on ($running)"

        # The fewer of two: a run that met a slow answer or a retry compiles more, never less.
        $precompiled = 1..2 | ForEach-Object { Invoke-FirstRequest $ModulePath } | Sort-Object Jit | Select-Object -First 1
        $precompiled.Locations.Name | Sort-Object | Should -Be @('AWSSDK.Core', 'SsmHybridRole.Engine')
        foreach ($loaded in $precompiled.Locations) {
            $loaded.Path | Should -Be (Join-Path $dependencies "$running/$($loaded.Name).dll")
            Test-ReadyToRun $loaded.Path | Should -BeTrue -Because "$($loaded.Path) is a ReadyToRun image"
        }

        # The same module with only images for other .NET versions, as a PowerShell on .NET 11 would find it.
        $copy = Join-Path (New-TestFolder 'il-only') 'SsmHybridRole'
        Copy-Item -Recurse $ModulePath $copy
        Remove-Item -Recurse (Join-Path $copy "Dependencies/$running")
        try {
            $il = Invoke-FirstRequest $copy
            foreach ($loaded in $il.Locations) {
                $loaded.Path | Should -Be (Join-Path $copy "Dependencies/$($loaded.Name).dll")
                Test-ReadyToRun $loaded.Path | Should -BeFalse
            }
            $precompiled.Jit | Should -BeLessThan ($il.Jit - 500) -Because "the images' code is used: the JIT compiled $($precompiled.Jit) methods for the first request with them, $($il.Jit) without"
        }
        finally {
            Remove-Item -Recurse -Force (Split-Path $copy)
        }
    }

    It 'completes -Policy with short and AWS names, and -Region with Region names' {
        $line = 'Add-SsmHybridRolePolicy -RoleName x -Policy Cloud'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('CloudWatchAgentServer', 'CloudWatchAgentServerPolicy')
        $line = 'New-SsmHybridServiceRole -ActivationRegion eu-cen'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'eu-central-1'
    }
}
