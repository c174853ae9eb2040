param([Parameter(Mandatory)] [string] $ModulePath)
Import-Module $ModulePath
