# Every example of the docs runs as written: README.md's ```powershell blocks, the about topic's PS> blocks and
# the EXAMPLES of docs/help/*.md, found in the files when the tests run (DocExamples.ps1). Each runs in a
# runspace of its own, from empty accounts, against a moto of this file's own (so that "every hybrid role in the
# account" is the example's), the SSM stand-in, and the loopback TLS endpoints and proxies; credentials, Region
# and endpoints come from a shared config file, as on an admin's machine. A console host (tests/tools/ExampleHost.cs)
# keeps what a console would show and answers Yes to each confirmation prompt, which is counted.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $script:Found = @(Get-DocExample (Join-Path $PSScriptRoot '../..') | ForEach-Object { @{ Key = $_.Key; Example = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')

    # What each example needs, by file and number (README.md counts its ```powershell blocks from the top, the about
    # topic its PS> blocks, a help file its examples as Get-Help numbers them). Every example needs an entry, @{ } when
    # it needs nothing. Each account starts empty: no role, no policy, no activation, no node, the standard tier.
    #   Setup    run first, in the example's runspace and directory ($Lab: the endpoints; helpers in DocExamples.ps1):
    #            what the example takes for granted (roles, activations, nodes, files)
    #   Replace  @{ text = value }: what cannot be the same here (a fixed port), each with the reason in a comment
    #   Prompts  how many confirmation prompts it shows (each answered Yes); 0 when left out
    #   Output   patterns its console text must match, beyond what a transcript (PS>) shows
    #   Then     run after it in its runspace; must return $true (the example did what its docs say)
    #   Own      runs in a pwsh of its own, with a home of its own and PowerShell's own module folders only
    #   Proxy    runs in a pwsh started with HTTPS_PROXY naming the loopback proxy, as on a server behind one
    #            (.NET reads the system proxy once, when a process first uses it): AWS's names do not resolve here
    $script:Prepare = @{
        'README.md#1'                         = @{ }
        # moto listens on a free port here, not on 5000.
        'README.md#2'                         = @{ Setup = { Set-Location $Lab.RepoRoot }; Replace = @{ 'http://127.0.0.1:5000' = { $Lab.Moto } }
                                                   Then = { (Get-SsmHybridServiceRole -RoleName SSMServiceRole).AttachedPolicies.Count -eq 4 } }
        'README.md#3'                         = @{ Setup = { $null = New-SsmHybridServiceRole -ActivationRegion us-east-2 } }
        'README.md#4'                         = @{ Proxy = $true; Setup = { Set-Content accounts.txt $Lab.MemberAccounts }
                                                   Output = "sudo -E amazon-ssm-agent -register -code '", 'amazon-ssm-us-east-2'
                                                   Then = { (Test-SsmHybridServiceRole -AccountId $Lab.MemberAccounts -Quiet) -notcontains $false } }
        'README.md#5'                         = @{ Then = { (Get-Content -Raw ssm-hybrid-role.yaml) -match 'AWS::IAM::Role' } }
        'README.md#6'                         = @{ Setup = { $null = New-ExampleFleet -Nodes 7 } }
        'README.md#7'                         = @{ Prompts = 3
                                                   Setup = { $null = New-ExampleFleet -Nodes 2 -Expired; $null = New-ExampleFleet -Nodes 1 -PingStatus ConnectionLost; $null = New-ExampleFleet -Nodes 0 | Register-ExampleNode -InstanceId mi-0123456789abcdef0 } }
        'README.md#8'                         = @{ Prompts = 3
                                                   Setup = { $null = New-ExampleFleet -Region us-east-2, eu-west-1 -Nodes 2 }
                                                   Then = { -not (Get-SsmHybridServiceRole -RoleName SSMServiceRole -ErrorAction Ignore) -and @(Get-SsmHybridManagedNode -RoleName SSMServiceRole-2025 -Region us-east-2, eu-west-1).Count -eq 4 } }
        'README.md#9'                         = @{ Own = $true; Setup = { $null = & (Join-Path $Lab.RepoRoot 'tools/Publish-LocalPackage.ps1') -ModulePath $Lab.ModulePath -RepositoryPath ./out/package }
                                                   Output = 'THE PROCEDURE AS A PIPELINE' }
        'README.md#10'                        = @{ Setup = { "RoleName,Description`nweb-nodes,Web servers`ndb-nodes,Database servers" | Set-Content roles.csv; $null = New-SsmHybridServiceRole -RoleName db-nodes }
                                                   Output = 'RoleAlreadyExists,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand', '(?m)^db-nodes$' }

        'about_SsmHybridRole.help.txt#1'      = @{ }
        'about_SsmHybridRole.help.txt#2'      = @{ Prompts = 1; Setup = { $null = New-ExampleFleet -Expired; $null = New-ExampleFleet -PingStatus ConnectionLost } }
        'about_SsmHybridRole.help.txt#3'      = @{ Prompts = 2; Setup = { $null = New-ExampleFleet } }

        'Add-SsmHybridRolePolicy.md#1'        = @{ Setup = { $null = New-SsmHybridServiceRole } }
        'Add-SsmHybridRolePolicy.md#2'        = @{ Setup = { $null = New-SsmHybridServiceRole } }
        # AWS CLI v2.9 here predates endpoint_url in the config file (2.13): it is given the endpoint on its command line.
        'Export-SsmHybridRoleTemplate.md#1'   = @{ Setup = { function global:aws { & /usr/bin/aws --endpoint-url $Lab.Moto @args } } }
        'Export-SsmHybridRoleTemplate.md#2'   = @{ Output = '"AWSTemplateFormatVersion"' }
        'Get-SsmHybridActivation.md#1'        = @{ Setup = { $null = New-ExampleFleet } }
        'Get-SsmHybridActivation.md#2'        = @{ Setup = { $null = New-ExampleFleet -Region us-east-2, eu-west-1 } }
        'Get-SsmHybridInstanceTier.md#1'      = @{ }
        'Get-SsmHybridInstanceTier.md#2'      = @{ }
        'Get-SsmHybridManagedNode.md#1'       = @{ Setup = { $null = New-ExampleFleet } }
        'Get-SsmHybridManagedNode.md#2'       = @{ Setup = { $null = New-ExampleFleet -Region us-east-2, eu-west-1 -PingStatus ConnectionLost } }
        'Get-SsmHybridManagedNode.md#3'       = @{ Setup = { $null = New-ExampleFleet } }
        'Get-SsmHybridServiceRole.md#1'       = @{ Setup = { $null = New-SsmHybridServiceRole } }
        'Get-SsmHybridServiceRole.md#2'       = @{ Setup = { $null = New-SsmHybridServiceRole } }
        'Get-SsmHybridServiceRole.md#3'       = @{ Setup = { $null = 'Test1', 'Test2', 'Kept' | New-SsmHybridServiceRole }
                                                   Then = { ((Get-SsmHybridServiceRole).RoleName -join ',') -eq 'Kept' } }
        'New-SsmHybridActivation.md#1'        = @{ }
        'New-SsmHybridActivation.md#2'        = @{ Setup = { $null = New-SsmHybridServiceRole }; Output = 'amazon-ssm-agent -register' }
        'New-SsmHybridActivation.md#3'        = @{ Setup = { $null = New-SsmHybridServiceRole }; Output = 'amazon-ssm-us-east-2' }
        'New-SsmHybridS3BucketPolicy.md#1'    = @{ Setup = { $null = New-SsmHybridServiceRole } }
        'New-SsmHybridS3BucketPolicy.md#2'    = @{ Output = 'arn:aws:s3:::amazon-ssm-af-south-1/\*' }
        'New-SsmHybridServiceRole.md#1'       = @{ }
        'New-SsmHybridServiceRole.md#2'       = @{ }
        'New-SsmHybridServiceRole.md#3'       = @{ }
        'New-SsmHybridServiceRole.md#4'       = @{ Setup = { 'web-nodes', 'db-nodes', 'build-nodes' | Set-Content role-names.txt }
                                                   Then = { (Get-SsmHybridServiceRole).Count -eq 3 } }
        'New-SsmHybridServiceRole.md#5'       = @{ Setup = { New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2 | Set-Content SSMService-Trust.json } }
        'New-SsmHybridTrustPolicy.md#1'       = @{ Then = { (Get-Content -Raw SSMService-Trust.json | ConvertFrom-Json).Statement.Principal.Service -eq 'ssm.amazonaws.com' } }
        'New-SsmHybridTrustPolicy.md#2'       = @{ }
        'New-SsmHybridTrustPolicy.md#3'       = @{ Output = 'arn:aws-cn:ssm:cn-north-1:123456789012:\*' }
        'Remove-SsmHybridActivation.md#1'     = @{ Setup = { $null = New-ExampleFleet -Expired; $null = New-ExampleFleet }
                                                   Then = { (@(Get-SsmHybridActivation -RoleName SSMServiceRole).Expired -join ',') -eq 'False' } }
        'Remove-SsmHybridActivation.md#2'     = @{ Setup = { $null = New-ExampleFleet -Region us-east-2, eu-west-1 }; Output = 'What if: .*activation' }
        'Remove-SsmHybridRolePolicy.md#1'     = @{ Setup = { $null = New-SsmHybridServiceRole -Policy CloudWatchAgentServer } }
        'Remove-SsmHybridRolePolicy.md#2'     = @{ Setup = { $null = New-SsmHybridServiceRole -RoleName OldRole -PolicyArn arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM; Remove-SsmHybridRolePolicy -RoleName OldRole -Policy ManagedInstanceCore -Force }
                                                   Then = { (Test-SsmHybridServiceRole -RoleName OldRole).Passed } }
        'Remove-SsmHybridServiceRole.md#1'    = @{ Setup = { $null = New-SsmHybridServiceRole } }
        'Remove-SsmHybridServiceRole.md#2'    = @{ Setup = { $null = 'one', 'two' | New-SsmHybridServiceRole }; Output = "What if: .*role 'one'", "What if: .*role 'two'" }
        'Remove-SsmHybridServiceRole.md#3'    = @{ Prompts = 2; Setup = { $null = 'old-hybrid-1', 'old-hybrid-2', 'new-hybrid' | New-SsmHybridServiceRole }
                                                   Then = { ((Get-SsmHybridServiceRole).RoleName -join ',') -eq 'new-hybrid' } }
        'Set-SsmHybridInstanceTier.md#1'      = @{ Prompts = 1; Then = { (Get-SsmHybridInstanceTier -Region us-east-2).Tier -eq 'Advanced' } }
        'Set-SsmHybridInstanceTier.md#2'      = @{ Setup = { $null = Set-SsmHybridInstanceTier -Tier Advanced -Region us-east-2, eu-west-1 -Force }
                                                   Then = { ((Get-SsmHybridInstanceTier -Region us-east-2, eu-west-1).Tier -join ',') -eq 'Standard,Standard' } }
        'Set-SsmHybridManagedNode.md#1'       = @{ Setup = { $null = New-ExampleFleet } }
        'Set-SsmHybridManagedNode.md#2'       = @{ Setup = { $null = New-ExampleFleet -Region us-east-2, eu-west-1; $null = New-SsmHybridServiceRole -RoleName SSMServiceRole-2025 } }
        'Set-SsmHybridServiceRole.md#1'       = @{ Setup = { $null = New-SsmHybridServiceRole -ActivationRegion us-east-2 } }
        'Set-SsmHybridServiceRole.md#2'       = @{ Setup = { $null = New-SsmHybridServiceRole; Remove-SsmHybridRolePolicy -RoleName SSMServiceRole -Policy ManagedInstanceCore -Force }
                                                   Then = { (Test-SsmHybridServiceRole -RoleName SSMServiceRole).Passed } }
        'Set-SsmHybridServiceRole.md#3'       = @{ Output = '111111111111 +SSMServiceRole', '333333333333 +SSMServiceRole' }
        'Set-SsmHybridServiceRole.md#4'       = @{ Setup = {
                $trust = New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2 | ConvertFrom-Json
                $trust.Statement += [pscustomobject]@{ Sid = 'Automation'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::111111111111:root' }; Action = 'sts:AssumeRole' }
                $null = New-SsmHybridServiceRole -AssumeRolePolicyDocument ($trust | ConvertTo-Json -Depth 6) } }
        'Set-SsmHybridServiceRole.md#5'       = @{ Prompts = 2; Setup = { $null = New-SsmHybridServiceRole -Policy DirectoryServiceAccess } }
        'Test-SsmHybridConnectivity.md#1'     = @{ Proxy = $true; Output = '(?m)^us-east-2 +True +0 +0' }
        # proxy.example.com does not exist here: the proxy that wants credentials stands in for a proxy that refuses.
        'Test-SsmHybridConnectivity.md#2'     = @{ Replace = @{ 'http://proxy.example.com:3128' = { $Lab.TlsAuthProxy } }; Output = 'Check +: Proxy' }
        'Test-SsmHybridConnectivity.md#3'     = @{ Proxy = $true; Output = '(?m)^us-east-2 +True +0 +0' }
        'Test-SsmHybridServiceRole.md#1'      = @{ Setup = { $null = New-SsmHybridServiceRole -ActivationRegion us-east-2, eu-west-1 } }
        'Test-SsmHybridServiceRole.md#2'      = @{ Setup = { $null = New-SsmHybridServiceRole -NoSourceCondition }; Output = 'SourceCondition' }
        # The role in every member account, and in 111111111111 one whose trust names another account.
        'Test-SsmHybridServiceRole.md#3'      = @{ Setup = { Set-Content accounts.txt $Lab.MemberAccounts; $null = New-SsmHybridServiceRole -AccountId $Lab.MemberAccounts[1, 2]; $null = New-SsmHybridServiceRole -AccountId 111111111111 -SourceAccountId 222222222222 -WarningAction SilentlyContinue }
                                                   Output = '(?m)^111111111111 +SSMServiceRole +False *$'; Then = { @(Test-SsmHybridServiceRole -AccountId $Lab.MemberAccounts).Count -eq 3 } }
        'Test-SsmHybridServiceRole.md#4'      = @{ Setup = { $null = 'one', 'two' | New-SsmHybridServiceRole } }
        'Unregister-SsmHybridManagedNode.md#1' = @{ Setup = { $null = New-ExampleFleet -Nodes 0 | Register-ExampleNode -InstanceId mi-0123456789abcdef0 }
                                                    Then = { -not (Get-SsmHybridManagedNode) } }
        'Unregister-SsmHybridManagedNode.md#2' = @{ Setup = { $null = New-ExampleFleet -PingStatus ConnectionLost }; Output = "What if: .*managed node 'mi-" }
    }

    # The lab: a moto of its own, the SSM stand-in against it, the TLS endpoints, and a home with a shared config.
    $script:Moto = Start-Moto
    $script:Ssm = Start-TestTool 'ssm_endpoint.py' @('--iam-endpoint', $Moto.Url)
    $sandbox = (New-TestFolder 'examples').FullName
    $portFile = Join-Path $sandbox 'tls.json'
    $python = (Get-Command python3 -CommandType Application | Select-Object -First 1).Source
    $null = New-Item -ItemType Directory -Force (Join-Path $sandbox 'home/.aws'), (Join-Path $sandbox 'work')
    $script:Tls = Start-Process -FilePath $python -ArgumentList @((Join-Path $RepoRoot 'tests/tools/tls_endpoint.py'), '--dir', (Join-Path $sandbox 'tls'), '--port-file', $portFile) -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Test-Path $portFile)) {
        if ($Tls.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw 'tls_endpoint.py did not start.' }
        Start-Sleep -Milliseconds 100
    }
    $tlsSetup = Get-Content -Raw $portFile | ConvertFrom-Json

    $script:Lab = [ordered]@{
        Moto = $Moto.Url; Ssm = $Ssm.Url; RepoRoot = "$RepoRoot"; ModulePath = "$ModulePath"; Work = (Join-Path $sandbox 'work')
        TlsProxy = "http://127.0.0.1:$($tlsSetup.ports.proxy)"; TlsAuthProxy = "http://127.0.0.1:$($tlsSetup.ports.authproxy)"
        Config = (Join-Path $sandbox 'home/.aws/config'); Credentials = (Join-Path $sandbox 'home/.aws/credentials')
        MemberAccounts = @('111111111111', '222222222222', '333333333333')
        Accounts = @('123456789012', '111111111111', '222222222222', '333333333333')
        HostSource = (Join-Path $RepoRoot 'tests/tools/ExampleHost.cs')
    }
    @"
[default]
region = us-east-2
endpoint_url = $($Moto.Url)
services = lab

[profile admin]
endpoint_url = $($Moto.Url)
services = lab

[services lab]
ssm =
  endpoint_url = $($Ssm.Url)
"@ | Set-Content $Lab.Config
    @"
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[admin]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
"@ | Set-Content $Lab.Credentials

    # An example as the runner takes it: its code and what the table says it needs, the values worked out here.
    function ConvertTo-RunnerExample($Example) {
        $entry = $Prepare[$Example.Key]
        [ordered]@{
            Key = $Example.Key; Code = $Example.Code; Steps = [bool] $Example.Steps
            Setup = "$($entry.Setup)"; Then = "$($entry.Then)"; TimeoutSec = 120
            Replace = @(if ($entry.Replace) { $entry.Replace.GetEnumerator() | ForEach-Object { @{ From = $_.Key; To = "$(& $_.Value)" } } })
        }
    }

    # Runs examples in one pwsh with the sandbox as its home (its own home when $Home is given), the shared config
    # from there and no credentials in the environment; returns the results by key.
    function Invoke-ExampleBatch([object[]] $Examples, [string] $HomePath = (Join-Path $sandbox 'home'), [string] $ModulePathVariable, [string] $HttpsProxy) {
        $batchPath = Join-Path $sandbox "batch-$(Get-Random).json"
        $resultPath = "$batchPath.result.json"
        ConvertTo-Json -Depth 6 @{ Lab = $Lab; Examples = @($Examples | ForEach-Object { ConvertTo-RunnerExample $_ }) } | Set-Content $batchPath
        $environment = @{
            HOME = $HomePath; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $ModulePathVariable
            AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_SESSION_TOKEN = $null; AWS_REGION = $null; AWS_DEFAULT_REGION = $null
            SSL_CERT_FILE = $tlsSetup.ca; HTTPS_PROXY = $HttpsProxy; HTTP_PROXY = $null; ALL_PROXY = $null; NO_PROXY = '127.0.0.1,localhost'
            # Between examples the lab is emptied straight through moto, behind the module's back. The module
            # remembers the roles this process made and takes a NoSuchEntity for one of them, for two minutes, as
            # IAM not having propagated it yet; moto has no such delay, so nothing is worth waiting out here.
            SSMHYBRIDROLE_PROPAGATION_TIMEOUT = '0'
        }
        $null = Invoke-FreshPwsh -Environment $environment ". '$(Join-Path $PSScriptRoot 'DocExamples.ps1')'; Invoke-DocExampleBatch '$batchPath' '$resultPath'"
        $results = @{}
        Get-Content -Raw $resultPath | ConvertFrom-Json | ForEach-Object { $results[$_.Key] = $_ }
        $results
    }

    $all = @(Get-DocExample $RepoRoot)
    $own = @($all | Where-Object { $Prepare[$_.Key].Own })
    $proxied = @($all | Where-Object { $Prepare[$_.Key].Proxy })
    $script:Results = Invoke-ExampleBatch ($all | Where-Object { $_ -notin $own -and $_ -notin $proxied }) -ModulePathVariable (Join-Path $RepoRoot 'module')
    $script:Results += Invoke-ExampleBatch $proxied -ModulePathVariable (Join-Path $RepoRoot 'module') -HttpsProxy $Lab.TlsProxy
    foreach ($example in $own) {
        # A home of its own, and PowerShell's own module folders only: what installing the module gives a user.
        $ownHome = New-Item -ItemType Directory -Force (Join-Path $sandbox "home-$($example.Number)")
        $script:Results += Invoke-ExampleBatch $example -HomePath $ownHome.FullName
    }
}

AfterAll {
    Stop-Moto $Moto
    foreach ($process in $Ssm.Process, $Tls) { if ($process -and -not $process.HasExited) { $process.Kill() } }
}

Describe 'The examples of the docs' {
    It '<Key> runs as written' -ForEach $Found {
        $entry = $Prepare[$Key]
        $result = $Results[$Key]
        if ($null -eq $entry) {
            $outcome = if ($result.Errors) { "it failed without preparation: $($result.Errors -join '; ')" } else { 'it ran without preparation' }
            throw "$Key ($($Example.Title)) has no entry in `$Prepare of Examples.Tests.ps1; $outcome. Add '$Key' = @{ } with what it needs (Setup, Prompts, Output, Then)."
        }

        $result.SetupErrors | Should -BeNullOrEmpty -Because "the preparation of $Key must work"
        $result.Errors | Should -BeNullOrEmpty -Because "$Key must run without an error; it showed:`n$($result.Text)"
        $result.Warnings | Should -BeNullOrEmpty -Because "$Key must run without a warning"
        @($result.Prompts).Count | Should -Be ([int] $entry.Prompts) -Because "the prompts of $Key were: $($result.Prompts -join ' | ')"
        for ($i = 0; $i -lt $Example.Steps.Count; $i++) {
            Compare-ExampleOutput $Example.Steps[$i].Output $result.Steps[$i] | Should -BeNullOrEmpty -Because "'$($Example.Steps[$i].Command)' showed:`n$($result.Steps[$i])"
        }
        foreach ($pattern in $entry.Output) { $result.Text | Should -Match $pattern }
        if ($entry.Then) { $result.Then | Should -Be 'True' -Because "after $Key, $($entry.Then)" }
    }

    It 'has an example for every entry of the preparation table' -ForEach @(@{ Keys = @($Found.Key) }) {
        $Prepare.Keys | Where-Object { $_ -notin $Keys } | Should -BeNullOrEmpty -Because 'an entry without its example means the examples were renumbered: move the entry with its example'
    }
}
