<#
.SYNOPSIS
    The AWS procedure "Create an IAM service role for a hybrid environment", step by step, through the
    module, against a local IAM endpoint. build.ps1 Demo starts the endpoint and calls this script.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl
)

$ErrorActionPreference = 'Stop'
# Test credentials for the local endpoint only; a real session uses a profile or Set-AWSCredential.
$env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
$env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
$env:AWS_REGION = 'us-east-2'
Import-Module $ModulePath -Force
$PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $EndpointUrl

function Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

Step '1. The trust policy (the seed''s SSMService-Trust.json, with today''s confused-deputy conditions)'
New-SsmHybridTrustPolicy | Write-Host

Step '2. The custom S3 bucket policy (VPC endpoint in us-east-2, and an own bucket for command output)'
$s3 = New-SsmHybridS3BucketPolicy -Region us-east-2 -VpcEndpoint -OutputBucket my-ssm-output-bucket
$s3 | Format-Table | Out-String -Width 160 | Write-Host

Step '3-5. The role, AmazonSSMManagedInstanceCore (required), the S3 policy, and the two optional policies'
$role = New-SsmHybridServiceRole -RoleName SSMServiceRole -Policy DirectoryServiceAccess, CloudWatchAgentServer -PolicyArn $s3.PolicyArn
$role | Format-Table | Out-String -Width 160 | Write-Host

Step 'Running it again is safe: the role exists, so nothing changes and the error says what to do'
New-SsmHybridServiceRole -RoleName SSMServiceRole -ErrorAction SilentlyContinue -ErrorVariable again
Write-Host ("{0}: {1}" -f $again[0].FullyQualifiedErrorId, $again[0].Exception.Message)
Add-SsmHybridRolePolicy -RoleName SSMServiceRole -Policy CloudWatchAgentServer -Verbose 4>&1 | Write-Host

Step 'The role as Get-SsmHybridServiceRole reads it back'
$final = Get-SsmHybridServiceRole -RoleName SSMServiceRole
$final | Format-List | Out-String -Width 160 | Write-Host

$expected = 'AmazonSSMManagedInstanceCore', 'AmazonSSMDirectoryServiceAccess', 'CloudWatchAgentServerPolicy', 'SSMInstanceProfileS3Policy'
$missing = $expected | Where-Object { $_ -notin $final.AttachedPolicies.PolicyName }
if ($missing) { throw "The role lacks: $($missing -join ', ')" }
Write-Host "Done: '$($final.RoleName)' trusts ssm.amazonaws.com from account $($final.SourceAccount) and has $($final.AttachedPolicies.Count) policies attached." -ForegroundColor Green
Write-Host 'Next (outside this page): a TLS certificate on the servers, then a hybrid activation naming this role.'
