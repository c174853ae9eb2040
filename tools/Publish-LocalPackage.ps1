<#
.SYNOPSIS
    Publishes the built module as a .nupkg to a folder repository with PSResourceGet (Publish-PSResource).
.DESCRIPTION
    Used by build.ps1 Package and by the packaging test, so both make the package the same way. The folder
    is registered as a repository only for the duration of the call.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath
)

$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Force $RepositoryPath
$name = "SsmHybridRoleLocal$PID"
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name
}
finally {
    Unregister-PSResourceRepository -Name $name
}
Get-ChildItem $RepositoryPath -Filter 'SsmHybridRole.*.nupkg' | Select-Object -ExpandProperty FullName
