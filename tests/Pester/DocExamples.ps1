# The examples of the docs, for Examples.Tests.ps1: how they are found in README.md, the about topic and
# docs/help/*.md, how a transcript's shown output is compared, and the runner that runs each example in a runspace
# of its own (in a pwsh started for the purpose, tests/tools/ExampleHost.cs as its console).

# One example: where it is, its code, and for a transcript (PS> lines) each command with the output it shows.
function New-DocExample([string] $File, [int] $Number, [string] $Title, [string] $Code) {
    [pscustomobject]@{ Key = "$File#$Number"; File = $File; Number = $Number; Title = $Title; Code = $Code; Steps = @(ConvertFrom-Transcript $Code) }
}

# Every example, in order. README.md: each ```powershell block, indented ones (in a list) too. The about topic:
# each run of indented lines that starts with PS> (the indented table of cmdlets is the only other indented
# text it may hold). A help file: the first ```powershell block under each ### of EXAMPLES, as
# tools/Build-Help.ps1 reads them, numbered as Get-Help numbers them.
function Get-DocExample([string] $Root) {
    $readme = @(Get-Content (Join-Path $Root 'README.md'))
    $number = 0
    for ($i = 0; $i -lt $readme.Count; $i++) {
        if ($readme[$i] -notmatch '^(\s*)```powershell\s*$') { continue }
        $indent = $Matches[1]; $title = "line $($i + 2)"; $code = [Collections.Generic.List[string]]::new()
        for ($i++; $i -lt $readme.Count -and $readme[$i] -notmatch '^\s*```\s*$'; $i++) {
            $code.Add($(if ($readme[$i].StartsWith($indent)) { $readme[$i].Substring($indent.Length) } else { $readme[$i].TrimStart() }))
        }
        $number++
        New-DocExample 'README.md' $number $title ($code -join "`n")
    }

    $aboutFile = Get-ChildItem (Join-Path $Root 'docs/help') -Filter 'about_*.help.txt' | Select-Object -First 1
    $about = @(Get-Content $aboutFile.FullName)
    $number = 0
    for ($i = 0; $i -lt $about.Count; $i++) {
        if ($about[$i] -match '^(\s+)PS> ') {
            $indent = $Matches[1]; $title = "line $($i + 1)"; $code = [Collections.Generic.List[string]]::new()
            for (; $i -lt $about.Count -and $about[$i].StartsWith($indent) -and $about[$i].Trim(); $i++) { $code.Add($about[$i].Substring($indent.Length)) }
            $number++
            New-DocExample $aboutFile.Name $number $title ($code -join "`n")
        }
        elseif ($about[$i] -match '^\s{8}\S' -and $about[$i] -notmatch '^\s{8}[A-Z][a-z]+-SsmHybrid\w+\s{2,}\S') {
            throw "$($aboutFile.Name) line $($i + 1) is indented as code but has no PS> prompt, so no test would run it: '$($about[$i].Trim())'"
        }
    }

    foreach ($file in Get-ChildItem (Join-Path $Root 'docs/help') -Filter '*-*.md' | Sort-Object Name) {
        $examples = ((Get-Content -Raw $file.FullName) -split '(?m)^## ') | Where-Object { $_ -match '^EXAMPLES\s' }
        $number = 0
        foreach ($section in @($examples -split '(?m)^### ') | Select-Object -Skip 1) {
            $number++
            $blocks = [regex]::Matches($section, '(?s)```powershell\s*\n(.*?)\n```')
            if ($blocks.Count -ne 1) { throw "$($file.Name) example $number has $($blocks.Count) powershell blocks; Get-Help shows only the first, so give it exactly one." }
            New-DocExample $file.Name $number ($section -split "`n")[0].Trim() $blocks[0].Groups[1].Value.Trim()
        }
    }
}

# A transcript's commands (PS> lines, >> continuations) with the lines shown after each; nothing for plain code.
function ConvertFrom-Transcript([string] $Code) {
    if ($Code -notmatch '(?m)^PS> ') { return }
    $step = $null
    foreach ($line in $Code -split "`n") {
        if ($line -match '^PS> (.*)$') {
            if ($step) { $step }
            $step = [pscustomobject]@{ Command = $Matches[1]; Output = @() }
        }
        elseif ($step -and $line -match '^>> (.*)$' -and -not $step.Output) { $step.Command += "`n" + $Matches[1] }
        elseif (-not $step) { throw "A transcript starts with its first PS> line, not '$line'." }
        else { $step.Output += $line }
    }
    $step
}

# What a transcript shows against what the console showed, with runs of spaces as one: a table by its header
# (above its rule, exactly) and its number of rows, any other line exactly; a line (or row) that ends in '...'
# by its start. Returns the differences.
function Compare-ExampleOutput([string[]] $Expected, [string] $Actual) {
    $shown = @($Actual -split "`n" | ForEach-Object { ($_ -replace '\s+', ' ').Trim() })
    $matchesLine = { param([string] $want, [string] $got) if ($want.EndsWith('...')) { $got.StartsWith($want.Substring(0, $want.Length - 3).TrimEnd()) } else { $got -ceq $want } }
    for ($i = 0; $i -lt $Expected.Count; $i++) {
        $line = ($Expected[$i] -replace '\s+', ' ').Trim()
        if (-not $line) { continue }
        if ($i + 1 -lt $Expected.Count -and $Expected[$i + 1] -match '^\s*--[\s-]*$') {
            $rows = @(for ($j = $i + 2; $j -lt $Expected.Count -and $Expected[$j].Trim(); $j++) { ($Expected[$j] -replace '\s+', ' ').Trim() })
            $i = $j - 1
            $at = @(for ($k = 0; $k -lt $shown.Count - 1; $k++) { if ($shown[$k] -ceq $line -and $shown[$k + 1] -match '^--[\s-]*$') { $k } })
            if ($at.Count -eq 0) { "no table with the columns '$line'"; continue }
            $got = @(for ($k = $at[0] + 2; $k -lt $shown.Count -and $shown[$k]; $k++) { $shown[$k] })
            if ($got.Count -ne $rows.Count) { "the table '$line' has $($got.Count) row(s), the docs show $($rows.Count)" }
            for ($r = 0; $r -lt [Math]::Min($rows.Count, $got.Count); $r++) {
                if ($rows[$r].EndsWith('...') -and -not (& $matchesLine $rows[$r] $got[$r])) { "row $($r + 1) of '$line' is '$($got[$r])', the docs show '$($rows[$r])'" }
            }
            continue
        }
        if (-not ($shown | Where-Object { & $matchesLine $line $_ })) { "no line '$line'" }
    }
}

# ---- in the runner's pwsh ----------------------------------------------------------------------------------

# Defined in each example's runspace before its preparation runs.
$script:ExampleHelpers = @'
# A native command that fails is an error, as a script that checks $LASTEXITCODE would make it.
$global:PSNativeCommandUseErrorActionPreference = $true

# AWS Tools' Set-DefaultAWSRegion (AWS.Tools.Common is not installed here): like it, it leaves the Region's
# name in $StoredAWSRegion for the session.
function global:Set-DefaultAWSRegion([Parameter(Mandatory, Position = 0)] [string] $Region) { $global:StoredAWSRegion = $Region }

# What SSM Agent does on a server with an activation's id and code: registers it as a managed node.
function global:Register-ExampleNode([Parameter(Mandatory, ValueFromPipeline)] $Activation, [string] $ComputerName = 'server', [string] $PingStatus = 'Online', [string] $InstanceId) {
    process {
        $body = @{ region = $Activation.Region; activationId = $Activation.ActivationId; activationCode = $Activation.GetActivationCode(); computerName = $ComputerName; pingStatus = $PingStatus }
        if ($InstanceId) { $body.instanceId = $InstanceId }
        (Invoke-RestMethod -Method Post "$($Lab.Ssm)/__ssm/register" -Body ($body | ConvertTo-Json) -ContentType 'application/json').InstanceId
    }
}

# A role (made if missing) with an activation in each Region for up to 10 servers, and servers registered
# with it; -Expired lets the activations' time run out afterwards. Returns the activations.
function global:New-ExampleFleet([string] $RoleName = 'SSMServiceRole', [string[]] $Region = 'us-east-2', [int] $Nodes = 2, [string] $PingStatus = 'Online', [switch] $Expired) {
    if (-not (Get-SsmHybridServiceRole -RoleName $RoleName -ErrorAction Ignore)) { $null = New-SsmHybridServiceRole -RoleName $RoleName -ActivationRegion $Region }
    foreach ($name in $Region) {
        $activation = New-SsmHybridActivation -RoleName $RoleName -Region $name -RegistrationLimit 10
        for ($n = 1; $n -le $Nodes; $n++) { $null = Register-ExampleNode $activation -ComputerName "server-$name-$n" -PingStatus $PingStatus }
        if ($Expired) { $null = Invoke-RestMethod -Method Post "$($Lab.Ssm)/__ssm/expire" -Body (@{ region = $name; activationId = $activation.ActivationId } | ConvertTo-Json) -ContentType 'application/json' }
        $activation
    }
}
'@

function Invoke-MotoIam($Lab, [string] $Account, [string] $Action, [hashtable] $Parameters = @{}) {
    $query = @("Action=$Action", 'Version=2010-05-08') + @($Parameters.GetEnumerator() | ForEach-Object { "$($_.Key)=$([uri]::EscapeDataString([string] $_.Value))" })
    $headers = @{ Authorization = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request'; 'x-moto-account-id' = $Account }
    ([xml] (Invoke-WebRequest -Uri "$($Lab.Moto)/?$($query -join '&')" -Headers $headers -UseBasicParsing).Content).DocumentElement
}

# Every example starts from empty accounts: no role, no customer managed policy, no activation, no node, the
# standard tier. Straight against moto and the stand-in, so that it does not depend on the module under test.
function Clear-ExampleLab($Lab) {
    $null = Invoke-RestMethod -Method Post "$($Lab.Ssm)/__ssm/reset"
    foreach ($account in $Lab.Accounts) {
        foreach ($role in @((Invoke-MotoIam $Lab $account ListRoles @{ MaxItems = 1000 }).ListRolesResult.Roles.member) | Where-Object { $_ }) {
            $name = @{ RoleName = $role.RoleName }
            foreach ($policy in @((Invoke-MotoIam $Lab $account ListAttachedRolePolicies $name).ListAttachedRolePoliciesResult.AttachedPolicies.member) | Where-Object { $_ }) {
                $null = Invoke-MotoIam $Lab $account DetachRolePolicy ($name + @{ PolicyArn = $policy.PolicyArn })
            }
            foreach ($inline in @((Invoke-MotoIam $Lab $account ListRolePolicies $name).ListRolePoliciesResult.PolicyNames.member) | Where-Object { $_ }) {
                $null = Invoke-MotoIam $Lab $account DeleteRolePolicy ($name + @{ PolicyName = $inline })
            }
            $null = Invoke-MotoIam $Lab $account DeleteRole $name
        }
        foreach ($policy in @((Invoke-MotoIam $Lab $account ListPolicies @{ Scope = 'Local' }).ListPoliciesResult.Policies.member) | Where-Object { $_ }) {
            $arn = @{ PolicyArn = $policy.Arn }
            foreach ($version in @((Invoke-MotoIam $Lab $account ListPolicyVersions $arn).ListPolicyVersionsResult.Versions.member) | Where-Object { $_ -and $_.IsDefaultVersion -ne 'true' }) {
                $null = Invoke-MotoIam $Lab $account DeletePolicyVersion ($arn + @{ VersionId = $version.VersionId })
            }
            $null = Invoke-MotoIam $Lab $account DeletePolicy $arn
        }
    }
}

# Runs a script in the runspace, its output formatted onto the console as at a prompt; returns its errors and warnings.
function Invoke-InRunspace($Runspace, [string] $Script, [int] $TimeoutSec) {
    $ps = [powershell]::Create()
    $ps.Runspace = $Runspace
    $null = $ps.AddScript($Script).AddCommand('Out-Default')
    $errors = [Collections.Generic.List[string]]::new()
    try {
        $async = $ps.BeginInvoke()
        if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSec))) {
            $errors.Add("still running after $TimeoutSec s; stopped")
            $ps.Stop()
        }
        $null = $ps.EndInvoke($async)
    }
    catch { $errors.Add("terminating: $($_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId ?? $_.FullyQualifiedErrorId): $($_.Exception.InnerException.Message ?? $_.Exception.Message)") }
    foreach ($record in $ps.Streams.Error) { $errors.Add("$($record.FullyQualifiedErrorId): $record") }
    [pscustomobject]@{ Errors = @($errors); Warnings = @($ps.Streams.Warning | ForEach-Object Message) }
    $ps.Dispose()
}

# One example in a runspace of its own, in a directory of its own, from empty accounts: its preparation, then
# its code (each command of a transcript on its own), then its check. The environment is restored afterwards.
function Invoke-DocExample($Example, $Lab) {
    Clear-ExampleLab $Lab
    $work = New-Item -ItemType Directory -Force (Join-Path $Lab.Work ($Example.Key -replace '[^\w.-]', '_'))
    $environment = [Environment]::GetEnvironmentVariables()
    $console = [SsmHybridRole.Tests.ExampleHost]::new()
    # No module imported: the cmdlets load from PSModulePath when first used, as in a user's session.
    $runspace = [runspacefactory]::CreateRunspace($console, [Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
    $result = [ordered]@{ Key = $Example.Key; SetupErrors = @(); Errors = @(); Warnings = @(); Prompts = @(); Text = ''; Steps = @(); Then = @() }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try {
        $runspace.Open()
        $null = $runspace.SessionStateProxy.Path.SetLocation($work.FullName)
        $runspace.SessionStateProxy.SetVariable('Lab', $Lab)
        $setup = Invoke-InRunspace $runspace ($ExampleHelpers + "`n" + $Example.Setup) 120
        $result.SetupErrors = @($setup.Errors) + @($setup.Warnings | ForEach-Object { "warning: $_" })
        if ($result.SetupErrors) { return }
        $null = $console.Console.Text.Clear()
        $console.Console.Prompts.Clear()
        $code = $Example.Code
        foreach ($replace in $Example.Replace) { $code = $code.Replace($replace.From, $replace.To) }
        $commands = if ($Example.Steps) { @(ConvertFrom-Transcript $code).Command } else { , $code }
        foreach ($command in $commands) {
            $before = $console.Console.Text.Length
            $run = Invoke-InRunspace $runspace $command $Example.TimeoutSec
            $result.Errors += $run.Errors
            $result.Warnings += $run.Warnings
            $result.Steps += $console.Console.Text.ToString($before, $console.Console.Text.Length - $before)
        }
        $result.Text = $console.Console.Text.ToString()
        $result.Prompts = @($console.Console.Prompts)
        if ($Example.Then) {
            $ps = [powershell]::Create(); $ps.Runspace = $runspace
            $result.Then = @(try { $ps.AddScript($Example.Then).Invoke() | ForEach-Object { "$_" } } catch { "error: $_" }) + @($ps.Streams.Error | ForEach-Object { "error: $_" })
            $ps.Dispose()
        }
    }
    finally {
        $result.Seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 2)
        $runspace.Dispose()
        # Remove-Item, not SetEnvironmentVariable($name, $null): PowerShell passes $null to a string parameter as ''.
        foreach ($name in @([Environment]::GetEnvironmentVariables().Keys)) { if (-not $environment.Contains($name)) { Remove-Item "Env:$name" } }
        foreach ($name in $environment.Keys) { [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
        [pscustomobject]$result
    }
}

# The runner's entry point: the examples and the lab from a JSON file, the results to another.
function Invoke-DocExampleBatch([string] $BatchPath, [string] $ResultPath) {
    $batch = Get-Content -Raw $BatchPath | ConvertFrom-Json
    # Invoke-FreshPwsh passes a variable it was told to clear as an empty one; an empty AWS_REGION or
    # AWS_ACCESS_KEY_ID is not what an admin's shell has (the AWS CLI takes them for a Region and keys).
    Get-ChildItem Env: | Where-Object { $_.Value -eq '' } | ForEach-Object { Remove-Item "Env:$($_.Name)" }
    Add-Type -Path $batch.Lab.HostSource
    $results = foreach ($example in $batch.Examples) { Invoke-DocExample $example $batch.Lab }
    ConvertTo-Json -InputObject @($results) -Depth 5 | Set-Content $ResultPath
}
