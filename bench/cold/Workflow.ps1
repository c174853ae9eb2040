# The seed workflow as an automation script runs it, in a fresh pwsh -File: a custom S3 policy, then the
# role with AmazonSSMManagedInstanceCore, that policy, AmazonSSMDirectoryServiceAccess and CloudWatchAgentServerPolicy.
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $EndpointUrl, [Parameter(Mandatory)] [string] $Name)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$s3 = New-SsmHybridS3BucketPolicy -PolicyName "$Name-s3" -OutputBucket bench-output -EndpointUrl $EndpointUrl
$null = New-SsmHybridServiceRole -RoleName $Name -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn $s3.PolicyArn -EndpointUrl $EndpointUrl
