BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SsmStandIn.ps1')
    # moto has no activations: the stand-in checks every request against botocore's SSM model, asks this run's
    # moto whether the role exists and trusts SSM, and answers "Nonexistent role" to the first two role checks,
    # as SSM does while a new role propagates.
    $script:Ssm = Start-SsmStandIn @('--nonexistent', '2')
    $script:Role = New-TestHybridRole 'act-base'
    function New-Activation([hashtable] $With = @{}) { New-SsmHybridActivation -RoleName $Role.RoleName -EndpointUrl $Ssm.Url @With }
}

AfterAll {
    if ($Ssm -and -not $Ssm.Process.HasExited) { $Ssm.Process.Kill() }
}

Describe 'New-SsmHybridActivation' {
    It 'takes the role from the pipeline, path included, and waits out "Nonexistent role"' {
        $role = New-TestHybridRole 'activation' -Path /hybrid/

        $activation = $role | New-SsmHybridActivation -EndpointUrl $Ssm.Url -RegistrationLimit 5 -DefaultInstanceName HQ -Tag @{ site = 'hq' } -ExpirationDate (Get-Date).AddDays(3) -Description 'head office'

        $activation | Should -BeOfType SsmHybridRole.HybridActivation
        $activation.IamRole | Should -Be "hybrid/$($role.RoleName)"
        $activation.Region | Should -Be 'us-east-2'
        $activation.ActivationId | Should -Match '^[0-9a-f-]{36}$'
        $creates = @(Get-SsmLog $Ssm | Where-Object action -eq 'CreateActivation')
        $creates.answer | Should -Be @('ValidationException', 'ValidationException', 'applied')
        $creates[-1].request.IamRole | Should -Be "hybrid/$($role.RoleName)"
        $creates[-1].request.RegistrationLimit | Should -Be 5
        $creates[-1].request.Tags.Key | Should -Be 'site'
        $creates[-1].request.Description | Should -Match '^head office \[SsmHybridRole [0-9a-f]{16}\]$' -Because 'each call marks its activation, to find it after a lost answer'
        $activation.GetActivationCode() | Should -Be $creates[-1].code
    }

    It 'keeps the activation code out of the default view, verbose text and the transcript' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "activation-$PID.txt"
        $null = Start-Transcript $transcript
        $all = New-Activation @{ Verbose = $true } 4>&1
        $activation = $all | Where-Object { $_ -is [SsmHybridRole.HybridActivation] }
        $shown = ($all | Out-String -Width 300) + ($activation | Format-List * | Out-String -Width 300) + ($activation | ConvertTo-Json | Out-String)
        $null = Stop-Transcript
        $code = $activation.GetActivationCode()

        $code | Should -Not -BeNullOrEmpty
        $shown | Should -Not -Match ([regex]::Escape($code))
        Get-Content -Raw $transcript | Should -Not -Match ([regex]::Escape($code))
        ($activation | Out-String) | Should -Match '\*{8}'
        Remove-Item $transcript
    }

    It 'writes no code into Export-Clixml, the remoting serializer or a job, in any form' {
        $activation = New-Activation
        $code = $activation.GetActivationCode()
        $file = Join-Path ([IO.Path]::GetTempPath()) "activation-$PID.xml"
        $activation | Export-Clixml $file
        $job = Start-Job -ScriptBlock {
            param($module, $url, $role)
            Import-Module $module
            $made = New-SsmHybridActivation -RoleName $role -EndpointUrl $url
            [pscustomobject]@{ Id = $made.ActivationId; Code = $made.GetActivationCode() }
            $made
        } -ArgumentList $ModulePath, $Ssm.Url, $Role.RoleName
        $received = @($job | Wait-Job -Timeout 120 | Receive-Job)
        Remove-Job $job -Force
        $jobCode = $received[0].Code

        $texts = @(
            @{ Text = (Get-Content -Raw $file); Id = $activation.ActivationId; Code = $code },
            @{ Text = [System.Management.Automation.PSSerializer]::Serialize($activation, 3); Id = $activation.ActivationId; Code = $code },
            @{ Text = [System.Management.Automation.PSSerializer]::Serialize($received[1], 3); Id = $received[0].Id; Code = $jobCode }
        )
        foreach ($t in $texts) {
            $hex = -join ([Text.Encoding]::Unicode.GetBytes($t.Code) | ForEach-Object { $_.ToString('x2') })
            $t.Text | Should -Match $t.Id -Because 'the rest of the activation is serialized'
            $t.Text | Should -Not -Match ([regex]::Escape($t.Code))
            $t.Text | Should -Not -Match $hex -Because 'a SecureString is written as UTF-16 hex on Linux and macOS'
        }
        $received[1].ActivationId | Should -Be $received[0].Id
        $received[1].PSObject.Properties.Name | Should -Not -Contain 'ActivationCode'
        (Import-Clixml $file).IamRole | Should -Be $Role.RoleName
        Remove-Item $file
    }

    It 'refuses bad input before any request: <Label>' -ForEach @(
        @{ Label = 'a limit of 0'; Id = 'InvalidRegistrationLimit'; Command = { New-SsmHybridActivation -RegistrationLimit 0 -EndpointUrl $Ssm.Url } }
        @{ Label = 'an expiry in the past'; Id = 'InvalidExpirationDate'; Command = { New-SsmHybridActivation -ExpirationDate (Get-Date).AddDays(-1) -EndpointUrl $Ssm.Url } }
        @{ Label = 'an expiry 31 days ahead'; Id = 'InvalidExpirationDate'; Command = { New-SsmHybridActivation -ExpirationDate (Get-Date).AddDays(31) -EndpointUrl $Ssm.Url } }
        @{ Label = 'a bad role name'; Id = 'InvalidRoleName'; Command = { New-SsmHybridActivation -RoleName 'a b' -EndpointUrl $Ssm.Url } }
        @{ Label = 'a description with no room for the mark'; Id = 'InvalidDescription'; Command = { New-SsmHybridActivation -Description ('x' * 224) -EndpointUrl $Ssm.Url } }
        @{ Label = 'a malformed Region'; Id = 'InvalidRegion'; Command = { New-SsmHybridActivation -Region 'us-east-2; rm' -EndpointUrl $Ssm.Url } }
    ) {
        Assert-RefusedBeforeRequest $Ssm $Command "$Id,SsmHybridRole.Commands.NewSsmHybridActivationCommand"
    }

    It 'sends nothing under -WhatIf' {
        $before = @(Get-SsmLog $Ssm).Count
        New-Activation @{ WhatIf = $true } | Should -BeNullOrEmpty
        @(Get-SsmLog $Ssm).Count | Should -Be $before
    }
}

Describe 'A lost answer to CreateActivation' {
    AfterEach { Add-SsmFault $Ssm @() }

    It 'deletes the activation the lost answer made, and returns the one whose code it has' {
        Add-SsmFault $Ssm @{ action = 'CreateActivation'; fault = 'drop'; times = 1 }
        $before = @(Get-SsmLog $Ssm).Count

        $output = New-Activation 3>&1
        $activation = $output | Where-Object { $_ -is [SsmHybridRole.HybridActivation] }

        $creates = @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'CreateActivation')
        $creates.Count | Should -Be 2 -Because 'SSM applied the first request, whose answer was dropped, and the SDK sent it again'
        $creates[0].fault | Should -Be 'drop'
        $creates[1].id | Should -Be $activation.ActivationId
        $activation.GetActivationCode() | Should -Be $creates[1].code
        $left = (Get-SsmState $Ssm).activations.PSObject.Properties.Name
        $left | Should -Not -Contain $creates[0].id -Because 'nobody saw its code'
        $left | Should -Contain $activation.ActivationId
        ($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -BeLike "*Activation $($creates[0].id)*deleted*"
    }

    It 'leaves no activation when the outcome stays unknown (every retry answered 500 after SSM applied it), and says so' {
        Add-SsmFault $Ssm @{ action = 'CreateActivation'; fault = 'status'; apply = $true; times = 3 }
        $before = @(Get-SsmLog $Ssm).Count

        $output = New-SsmHybridActivation -RoleName $Role.RoleName -EndpointUrl $Ssm.Url -ErrorAction SilentlyContinue -ErrorVariable failed 3>&1

        $created = @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'CreateActivation')
        $created.Count | Should -Be 3 -Because 'the SDK tried three times, and SSM applied each'
        $failed[0].FullyQualifiedErrorId | Should -Be 'SsmRequestFailed,SsmHybridRole.Commands.NewSsmHybridActivationCommand'
        $output | Where-Object { $_ -is [SsmHybridRole.HybridActivation] } | Should -BeNullOrEmpty
        $left = (Get-SsmState $Ssm).activations.PSObject.Properties.Name
        foreach ($made in $created) {
            $left | Should -Not -Contain $made.id
            ($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -Contain "Activation $($made.id) was made but its code was never seen (the answer was lost or the call was cancelled); it was deleted."
        }
    }

    It 'leaves no activation when Ctrl+C stops the call after SSM applied it' {
        Add-SsmFault $Ssm @{ action = 'CreateActivation'; fault = 'hold'; seconds = 60; times = 1 }
        $before = @(Get-SsmLog $Ssm).Count
        $shell = [powershell]::Create().AddScript("Import-Module '$ModulePath'; New-SsmHybridActivation -RoleName '$($Role.RoleName)' -EndpointUrl '$($Ssm.Url)'")
        $running = $shell.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not (Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object { $_.action -eq 'CreateActivation' -and $_.answer -eq 'applied' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }

        $shell.Stop()

        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $made = @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'CreateActivation')[0]
        $made.id | Should -Not -BeNullOrEmpty -Because 'SSM had applied the request before the stop'
        (Get-SsmState $Ssm).activations.PSObject.Properties.Name | Should -Not -Contain $made.id
        @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'DeleteActivation').request.ActivationId | Should -Contain $made.id
        $shell.Dispose()
    }
}

Describe 'GetRegistrationCommand' {
    BeforeAll { $script:Activation = New-Activation }

    It 'gives Linux commands whose shell receives exactly the id, code and Region' {
        $stubs = 'sudo() { if [ "$1" = "-E" ]; then shift; fi; "$@"; }; systemctl() { echo "systemctl $*"; }; amazon-ssm-agent() { for a in "$@"; do echo "arg:$a"; done; }'
        $script = $Activation.GetRegistrationCommand('Linux')

        $out = bash -c "$stubs`n$script"

        $out | Should -Be @('systemctl stop amazon-ssm-agent', 'arg:-register', 'arg:-code', "arg:$($Activation.GetActivationCode())", 'arg:-id', "arg:$($Activation.ActivationId)", 'arg:-region', 'arg:us-east-2', 'systemctl start amazon-ssm-agent')
        $Activation.GetRegistrationCommand() | Should -Be $script -Because 'Linux is the default'
    }

    It 'gives a Windows PowerShell script that downloads from the Region''s bucket, registers with single-quoted values and restarts the agent' {
        $script = $Activation.GetRegistrationCommand('Windows')
        $tokens = $null; $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($script, [ref] $tokens, [ref] $parseErrors)
        $assigned = @{}
        $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.AssignmentStatementAst] }, $true) | ForEach-Object {
            $value = $_.Right.Expression
            if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $assigned[$_.Left.VariablePath.UserPath] = $value }
        }
        $commands = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.Extent.Text }

        $parseErrors | Should -BeNullOrEmpty
        $assigned['code'].Value | Should -Be $Activation.GetActivationCode()
        $assigned['code'].StringConstantType | Should -Be 'SingleQuoted'
        $assigned['id'].Value | Should -Be $Activation.ActivationId
        $assigned['region'].Value | Should -Be 'us-east-2'
        $commands | Should -Contain "Invoke-WebRequest -UseBasicParsing -Uri 'https://amazon-ssm-us-east-2.s3.us-east-2.amazonaws.com/latest/windows_amd64/AmazonSSMAgentSetup.exe' -OutFile `$installer"
        $commands -match '-register -code \$code -id \$id -region \$region$' | Should -Not -BeNullOrEmpty
        $commands[-1] | Should -Be 'Restart-Service -Name AmazonSSMAgent'
    }

    It 'says that a listed activation has no code' {
        $listed = Get-SsmHybridActivation -ActivationId $Activation.ActivationId -EndpointUrl $Ssm.Url

        $listed.HasActivationCode | Should -BeFalse
        { $listed.GetRegistrationCommand('Linux') } | Should -Throw '*returns it only once*'
    }
}

Describe 'Get-SsmHybridActivation and Remove-SsmHybridActivation' {
    BeforeAll {
        $script:Listed = New-TestHybridRole 'act-list'
        $script:Made = 1..7 | ForEach-Object { New-SsmHybridActivation -RoleName $Listed.RoleName -EndpointUrl $Ssm.Url -RegistrationLimit 2 -DefaultInstanceName "n$_" }
    }

    It 'lists every page of a role''s activations, without codes' {
        Set-SsmPageCap $Ssm 3
        try {
            $before = @(Get-SsmLog $Ssm).Count
            $found = @($Listed | Get-SsmHybridActivation -EndpointUrl $Ssm.Url)
            $pages = @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'DescribeActivations')
        }
        finally { Set-SsmPageCap $Ssm 0 }

        ($found.ActivationId | Sort-Object) | Should -Be ($Made.ActivationId | Sort-Object)
        $pages.Count | Should -Be 3 -Because 'seven activations at three a page'
        $pages[1].request.NextToken | Should -Not -BeNullOrEmpty
        $pages[0].request.Filters.FilterKey | Should -Be 'IamRole'
        $found | ForEach-Object { $_.HasActivationCode | Should -BeFalse; $_.RegistrationLimit | Should -Be 2; $_.Expired | Should -BeFalse }
    }

    It 'filters by id, in several Regions' {
        $found = @(Get-SsmHybridActivation -ActivationId $Made[0].ActivationId, $Made[1].ActivationId -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url)

        $found.ActivationId | Should -Be @($Made[0].ActivationId, $Made[1].ActivationId)
        @(Get-SsmLog $Ssm | Select-Object -Last 2).region | Should -Be @('us-east-2', 'eu-west-1')
    }

    It 'sends nothing under -WhatIf, then deletes what is piped to it' {
        $before = @(Get-SsmLog $Ssm).Count
        $Made[0..1] | Remove-SsmHybridActivation -EndpointUrl $Ssm.Url -WhatIf
        @(Get-SsmLog $Ssm).Count | Should -Be $before

        Get-SsmHybridActivation -ActivationId $Made[0].ActivationId, $Made[1].ActivationId -EndpointUrl $Ssm.Url | Remove-SsmHybridActivation -EndpointUrl $Ssm.Url -Force

        $left = (Get-SsmState $Ssm).activations.PSObject.Properties.Name
        $left | Should -Not -Contain $Made[0].ActivationId
        $left | Should -Not -Contain $Made[1].ActivationId
        $left | Should -Contain $Made[2].ActivationId
        $errors = Invoke-Failing { Remove-SsmHybridActivation -ActivationId $Made[0].ActivationId -EndpointUrl $Ssm.Url -Force }
        $errors[0].FullyQualifiedErrorId | Should -Be 'ActivationNotFound,SsmHybridRole.Commands.RemoveSsmHybridActivationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'completes -ActivationId from the Region, without making Tab wait' {
        $line = "Remove-SsmHybridActivation -EndpointUrl $($Ssm.Url) -ActivationId $($Made[3].ActivationId.Substring(0, 6))"
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            if ($completion.CompletionMatches.CompletionText -notcontains $Made[3].ActivationId) { Start-Sleep -Milliseconds 250 }
        } until ($completion.CompletionMatches.CompletionText -contains $Made[3].ActivationId -or [DateTime]::UtcNow -gt $deadline)

        $completion.CompletionMatches.CompletionText | Should -Contain $Made[3].ActivationId
        ($completion.CompletionMatches | Where-Object CompletionText -eq $Made[3].ActivationId).ToolTip | Should -Match "$($Listed.RoleName): 0/2 registered"
    }

    It 'refuses a malformed id or Region before any request: <Label>' -ForEach @(
        @{ Label = 'Get- with an id that is no GUID'; Id = 'InvalidActivationId,SsmHybridRole.Commands.GetSsmHybridActivationCommand'; Command = { Get-SsmHybridActivation -ActivationId 'ABC' -EndpointUrl $Ssm.Url } }
        @{ Label = 'Remove- with an upper-case GUID'; Id = 'InvalidActivationId,SsmHybridRole.Commands.RemoveSsmHybridActivationCommand'; Command = { Remove-SsmHybridActivation -ActivationId '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0' -EndpointUrl $Ssm.Url -Force } }
        @{ Label = 'Remove- with a trailing line end'; Id = 'InvalidActivationId,SsmHybridRole.Commands.RemoveSsmHybridActivationCommand'; Command = { Remove-SsmHybridActivation -ActivationId "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`n" -EndpointUrl $Ssm.Url -Force } }
        @{ Label = 'Get- with a bad second Region'; Id = 'InvalidRegion,SsmHybridRole.Commands.GetSsmHybridActivationCommand'; Command = { Get-SsmHybridActivation -Region us-east-2, 'eu west 1' -EndpointUrl $Ssm.Url } }
        @{ Label = 'Remove- with a bad Region'; Id = 'InvalidRegion,SsmHybridRole.Commands.RemoveSsmHybridActivationCommand'; Command = { Remove-SsmHybridActivation -ActivationId 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 -Region 'nowhere' -EndpointUrl $Ssm.Url -Force } }
    ) {
        Assert-RefusedBeforeRequest $Ssm $Command $Id
    }
}

Describe 'The SSM stand-in' {
    It 'refuses a request SSM''s model refuses, so it cannot drift from the real API' {
        $raw = [System.Net.Http.HttpClient]::new()
        $request = [System.Net.Http.HttpRequestMessage]::new('Post', $Ssm.Url)
        $request.Headers.TryAddWithoutValidation('X-Amz-Target', 'AmazonSSM.DescribeActivations') | Out-Null
        $request.Headers.TryAddWithoutValidation('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-2/ssm/aws4_request, SignedHeaders=host, Signature=00') | Out-Null
        $request.Content = [System.Net.Http.StringContent]::new('{"MaxResults": 500, "Filter": []}', [Text.Encoding]::UTF8, 'application/x-amz-json-1.1')
        $request.Content.Headers.ContentType = 'application/x-amz-json-1.1'

        $answer = $raw.SendAsync($request).GetAwaiter().GetResult()

        [int]$answer.StatusCode | Should -Be 400
        $problems = Get-SsmProblems $Ssm
        $problems | Should -Contain 'DescribeActivations.Filter: no such member in DescribeActivationsRequest'
        $problems | Should -Contain 'DescribeActivations.MaxResults: 500 outside 1..50'
    }

    It 'found no other problem in any request the module sent, nor in its own answers' {
        @(Get-SsmLog $Ssm).Count | Should -BeGreaterThan 20 -Because 'the tests above sent many requests'
        Get-SsmProblems $Ssm | Where-Object { $_ -notlike 'DescribeActivations.Filter:*' -and $_ -notlike 'DescribeActivations.MaxResults: 500*' } | Should -BeNullOrEmpty
    }
}
