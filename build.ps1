<#
.SYNOPSIS
    Builds, tests, demonstrates and packages SsmHybridRole.
.DESCRIPTION
    Build  : assembles the importable module at ./module/SsmHybridRole (the engine and AWSSDK in Dependencies/,
             with ReadyToRun images of the first call's assemblies for .NET 8, 9 and 10 on -ReadyToRunPlatform).
    Test   : Build, start moto on a free loopback port, run xunit and Pester, print 'N passed, N failed'.
    Demo   : Build, start moto, run the AWS hybrid service role procedure through the module.
    Package: Build, then make the .nupkg with Publish-PSResource in ./out/package.
    Bench  : Build, then measure the module against AWS CLI v2 and @aws-sdk/client-iam (bench/), on the dotnet
             tool pwsh and on a precompiled PowerShell host the benchmark builds.
.PARAMETER ReadyToRunPlatform
    The platforms (os-arch: linux-x64, win-x64, osx-arm64, linux-arm64) to precompile for, each for .NET 8, 9
    and 10; by default the one this build runs on. A release passes every platform it ships for; @() builds
    the IL module alone. Images are kept in out/readytorun and rebuilt only when their inputs change.
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Package -ReadyToRunPlatform linux-x64, win-x64
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [ValidateSet('linux-x64', 'linux-arm64', 'win-x64', 'win-arm64', 'osx-x64', 'osx-arm64')]
    [string[]] $ReadyToRunPlatform = @(
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        "$os-$([Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant())"
    )
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'tests/tools/Moto.ps1')

$Root = $PSScriptRoot
$ModuleDir = Join-Path $Root 'module/SsmHybridRole'
$OutDir = Join-Path $Root 'out'

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    return $props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
}

function Invoke-Build {
    $engineOut = Join-Path $OutDir 'engine'
    $cmdletsOut = Join-Path $OutDir 'cmdlets'
    Invoke-Native 'Publishing the engine' { dotnet publish (Join-Path $Root 'src/SsmHybridRole.Engine') -c $Configuration -f netstandard2.0 -o $engineOut --nologo -v quiet }
    Invoke-Native 'Building the cmdlets' { dotnet publish (Join-Path $Root 'src/SsmHybridRole') -c $Configuration -f netstandard2.0 -o $cmdletsOut --nologo -v quiet }
    # Windows PowerShell 5.1 runs on .NET Framework 4.7.2: compiling for it proves no newer API slipped in.
    Invoke-Native 'Checking the .NET Framework 4.7.2 build' { dotnet build (Join-Path $Root 'src/SsmHybridRole') -c $Configuration -f net472 --nologo -v quiet }

    if (Test-Path $ModuleDir) { Remove-Item -Recurse -Force $ModuleDir }
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleDir 'Dependencies')
    # The engine's whole publish output goes to Dependencies/ (no hand-listed DLLs); the module root holds
    # only the cmdlets assembly, so the engine can never be loaded beside it into the default context.
    Copy-Item (Join-Path $engineOut '*') $dependencies -Recurse
    Copy-Item (Join-Path $cmdletsOut 'SsmHybridRole.dll'), (Join-Path $cmdletsOut 'SsmHybridRole.pdb') $ModuleDir
    Copy-Item (Join-Path $Root 'src/SsmHybridRole/SsmHybridRole.Format.ps1xml'), (Join-Path $Root 'src/SsmHybridRole/SsmHybridRole.Types.ps1xml') $ModuleDir
    foreach ($platform in $ReadyToRunPlatform) {
        foreach ($framework in $ReadyToRunFrameworks) { Add-ReadyToRunImages $dependencies $framework $platform }
    }

    $version = Get-ModuleVersion
    $manifest = (Get-Content -Raw (Join-Path $Root 'SsmHybridRole.psd1')) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion          = '$version'"
    Set-Content -Path (Join-Path $ModuleDir 'SsmHybridRole.psd1') -Value $manifest -Encoding utf8

    # Help from docs/help, checked: the build fails when a cmdlet, a parameter or an example lacks it.
    Invoke-Native 'Building the help' { dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Build-Help.ps1') -ModulePath $ModuleDir -SourcePath (Join-Path $Root 'docs/help') }
    $sizes = Get-ModuleSize
    Write-Host ("Built SsmHybridRole $version at $ModuleDir`: {0:N1} MB ({1:N1} MB of ReadyToRun images for {2})" -f ($sizes.Total / 1MB), ($sizes.ReadyToRun / 1MB), $(if ($sizes.Folders) { $sizes.Folders -join ', ' } else { 'nothing: IL only' }))
}

# PowerShell 7.4 runs on .NET 8, 7.5 on .NET 9, 7.6 on .NET 10; ReadyToRun code is used only by the major
# version it was compiled for (the load context picks the folder, src/SsmHybridRole/Module/ReadyToRunImages.cs).
$ReadyToRunFrameworks = 'net8.0', 'net9.0', 'net10.0'

# Precompiles the engine and the AWS SDK assemblies of a first call (tools/ReadyToRun) for one .NET and one
# platform into Dependencies/<framework>-<platform>. The images are cached in out/readytorun under a digest of
# their inputs, so a build whose engine did not change compiles nothing.
function Add-ReadyToRunImages([string] $Dependencies, [string] $Framework, [string] $Platform) {
    $project = Join-Path $Root 'tools/ReadyToRun/ReadyToRun.csproj'
    [xml] $projectXml = Get-Content -Raw $project
    $compiled = @($projectXml.Project.ItemGroup.Reference | Where-Object { $_ -and -not $_.GetAttribute('Private') } | ForEach-Object { Split-Path -Leaf $_.Include })
    $inputs = @($project) + @(Get-ChildItem $Dependencies -Filter '*.dll' | Sort-Object Name | ForEach-Object FullName)
    $digest = (($inputs | ForEach-Object { (Get-FileHash -Algorithm SHA256 $_).Hash }) -join '') + $Framework + $Platform
    $cache = Join-Path $OutDir "readytorun/$Framework-$Platform"
    $stamp = Join-Path $cache 'inputs.sha256'
    if (-not ((Test-Path $stamp) -and (Get-Content -Raw $stamp).Trim() -eq $digest)) {
        if (Test-Path $cache) { Remove-Item -Recurse -Force $cache }
        # The SDK reuses its own earlier images when their input assemblies did not change, even if the
        # compiler's options did: start it afresh whenever the digest says something changed.
        $intermediate = Join-Path $Root "tools/ReadyToRun/obj/Release/$Framework/$Platform/R2R"
        if (Test-Path $intermediate) { Remove-Item -Recurse -Force $intermediate }
        Write-Host "Precompiling (ReadyToRun) $($compiled -join ', ') for $Framework on $Platform"
        Invoke-Native "ReadyToRun for $Framework-$Platform" { dotnet publish $project -c Release -f $Framework -r $Platform -p:DependencyDirectory=$Dependencies -o $cache --nologo -v quiet }
        Set-Content -Path $stamp -Value $digest
    }
    $target = New-Item -ItemType Directory -Force (Join-Path $Dependencies "$Framework-$Platform")
    foreach ($name in $compiled) { Copy-Item (Join-Path $cache $name) $target }
}

function Get-ModuleSize([string] $Path = $ModuleDir) {
    $total = (Get-ChildItem -Recurse -File $Path | Measure-Object Length -Sum).Sum
    $folders = @(Get-ChildItem -Directory (Join-Path $Path 'Dependencies') | Where-Object Name -match '^net\d+\.0-')
    $precompiled = if ($folders) { ($folders | Get-ChildItem -Recurse -File | Measure-Object Length -Sum).Sum } else { 0 }
    [pscustomobject]@{ Total = $total; ReadyToRun = $precompiled; Folders = @($folders.Name) }
}

function Get-PesterModulePath {
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 6.2.0 was not restored to $path (it comes with the test project's PackageDownload)." }
    return $path
}

# The tests cross-check against AWS CLI v2 at /usr/bin/aws (the 'aws' on PATH may be v1).
function Install-TestPrerequisites {
    if (Test-Path '/usr/bin/aws') { return }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue) -or (id -u) -ne '0') {
        throw 'AWS CLI v2 is needed at /usr/bin/aws for the cross-check tests: install it (apt-get install awscli) and run again.'
    }
    Write-Host 'Installing AWS CLI v2 (apt-get install awscli) for the cross-check tests'
    Invoke-Native 'apt-get update' { apt-get update -qq }
    Invoke-Native 'apt-get install awscli' { apt-get install -y -qq awscli | Out-Null }
}

function Invoke-Tests {
    Install-TestPrerequisites
    Invoke-Build
    $moto = Start-Moto
    try {
        $env:SSMHYBRIDROLE_TEST_ENDPOINT = $moto.Url
        $results = Join-Path $OutDir 'test-results'
        if (Test-Path $results) { Remove-Item -Recurse -Force $results }

        Write-Host "xunit: tests/SsmHybridRole.Tests against $($moto.Url)"
        dotnet test (Join-Path $Root 'tests/SsmHybridRole.Tests') -c $Configuration --nologo `
            --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $results
        $xunitExit = $LASTEXITCODE
        $trx = Join-Path $results 'xunit.trx'
        if (-not (Test-Path $trx)) { throw "xunit wrote no results (exit code $xunitExit)." }
        $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
        $xunitPassed = [int]$counters.passed
        $xunitFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        if ($xunitExit -ne 0 -and $xunitFailed -eq 0) { $xunitFailed = 1 }

        Write-Host "Pester: tests/Pester on the built module in a fresh pwsh"
        $pesterJson = Join-Path $results 'pester.json'
        $pesterScript = @"
Import-Module '$(Get-PesterModulePath)' -ErrorAction Stop
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$result = Invoke-Pester -Configuration `$config
@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount } | ConvertTo-Json | Set-Content '$pesterJson'
"@
        dotnet pwsh -NoProfile -NonInteractive -Command $pesterScript
        $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

        $passed = $xunitPassed + $pester.Passed
        $failed = $xunitFailed + $pester.Failed
        Write-Host "xunit: $xunitPassed passed, $xunitFailed failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
        Write-Output "$passed passed, $failed failed"
        if ($failed -gt 0) { exit 1 }
    }
    finally {
        Stop-Moto $moto
    }
}

function Invoke-Demo {
    Invoke-Build
    $moto = Start-Moto
    try {
        & (Join-Path $Root 'tests/tools/Demo.ps1') -ModulePath $ModuleDir -EndpointUrl $moto.Url
        if (-not $?) { throw 'The demo failed.' }
    }
    finally {
        Stop-Moto $moto
    }
}

function Invoke-Package {
    Invoke-Build
    $repository = Join-Path $OutDir 'package'
    if (Test-Path $repository) { Remove-Item -Recurse -Force $repository }
    $package = & (Join-Path $Root 'tools/Publish-LocalPackage.ps1') -ModulePath $ModuleDir -RepositoryPath $repository
    Write-Host "Package: $package"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Tests }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Build; & (Join-Path $Root 'bench/Run-Benchmark.ps1') -ModulePath $ModuleDir }
}
