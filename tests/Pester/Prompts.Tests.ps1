# A command that asks first, run where nobody can answer: a fresh pwsh with -NonInteractive (on a terminal, so
# only -NonInteractive stops the question), and a fresh pwsh whose input is redirected (it holds a 'y' the old
# prompt would have taken). Each refuses with ConfirmationRequired per input, sends no write request, and leaves
# the policy attached in moto. The hosted runspace without a user interface is UnattendedTests (xunit).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $script:Core = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'

    # Runs $Command in a new pwsh (the one running this test) and returns the errors it met, read from a file it
    # writes (a terminal's output carries escape codes). -Terminal gives it a pseudo-terminal for input and output
    # (python3's pty); -Answers redirects its input from those lines instead.
    function Invoke-Unattended([string] $Command, [string[]] $Arguments, [switch] $Terminal, [string[]] $Answers) {
        $report = Join-Path ([IO.Path]::GetTempPath()) "prompts-$PID-$(Get-Random).json"
        $script = "Import-Module '$ModulePath'; $Command 2>`$null; ConvertTo-Json -AsArray -InputObject @(`$Error | ForEach-Object { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Category = [string]`$_.CategoryInfo.Category; Target = [string]`$_.TargetObject; Advice = `$_.ErrorDetails.RecommendedAction } }) | Set-Content '$report'; exit 0"
        $pwsh = @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile') + $Arguments + @('-Command', $script)
        if ($Terminal) {
            $spawn = 'import os, pty, sys' + "`n" + 'pid, fd = pty.fork()' + "`n" + 'if pid == 0: os.execv(sys.argv[1], sys.argv[1:])' + "`n" +
                'while True:' + "`n" + '    try:' + "`n" + '        if not os.read(fd, 65536): break' + "`n" + '    except OSError: break' + "`n" + 'os.waitpid(pid, 0)'
            $start = [System.Diagnostics.ProcessStartInfo]::new('python3')
            @('-c', $spawn) + $pwsh | ForEach-Object { $start.ArgumentList.Add($_) }
        }
        else {
            $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
            $pwsh | Select-Object -Skip 1 | ForEach-Object { $start.ArgumentList.Add($_) }
            $start.RedirectStandardInput = $true
        }
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        if (-not $Terminal) {
            $Answers | ForEach-Object { $process.StandardInput.WriteLine($_) }
            $process.StandardInput.Close()
        }
        if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw "pwsh did not end: $Command" }
        if (-not (Test-Path $report)) { throw "pwsh wrote no report (exit code $($process.ExitCode)): $Command" }
        @(Get-Content -Raw $report | ConvertFrom-Json)
        Remove-Item $report
    }

    function Get-Attached([string] $Name) { (Get-SsmHybridServiceRole -RoleName $Name -EndpointUrl $Endpoint).AttachedPolicies.PolicyArn }
}

AfterAll {
    Stop-IamProxy $Proxy
}

Describe 'A question nobody can answer is a ConfirmationRequired error, and nothing is detached' {
    It '<Label>' -ForEach @(
        @{ Label = 'pwsh -NonInteractive on a terminal'; Arguments = @('-NonInteractive'); Terminal = $true; Answers = @() }
        @{ Label = 'pwsh with its input redirected (holding a yes)'; Arguments = @(); Terminal = $false; Answers = @('y', 'y') }
    ) {
        $names = (New-TestRoleName 'unanswered'), (New-TestRoleName 'unanswered')
        $names | ForEach-Object { $null = New-SsmHybridServiceRole -RoleName $_ -EndpointUrl $Endpoint }
        Reset-IamProxyLog $Proxy

        $errors = Invoke-Unattended "'$($names -join "','")' | Remove-SsmHybridRolePolicy -Policy ManagedInstanceCore -EndpointUrl '$($Proxy.Url)'" -Arguments $Arguments -Terminal:$Terminal -Answers $Answers

        $errors.Id | Should -Be (@('ConfirmationRequired,SsmHybridRole.Commands.RemoveSsmHybridRolePolicyCommand') * 2) -Because 'each pipeline input gets its own error, and the next is still worked on'
        $errors.Category | Should -Be (@('InvalidOperation') * 2)
        $errors.Target | Sort-Object | Should -Be ($names | ForEach-Object { "role '$_'" } | Sort-Object)
        $errors[0].Advice | Should -BeLike '*-Force*'
        Get-Sent | Where-Object action -NotMatch '^(Get|List)' | Should -BeNullOrEmpty -Because 'no write request may leave'
        $names | ForEach-Object { Get-Attached $_ | Should -Contain $Core }
    }

    It 'detaches with -Force in the same kind of session, so the proxy would have seen a detach' {
        $name = New-TestRoleName 'forced'
        $null = New-SsmHybridServiceRole -RoleName $name -EndpointUrl $Endpoint
        Reset-IamProxyLog $Proxy

        $errors = Invoke-Unattended "Remove-SsmHybridRolePolicy -RoleName '$name' -Policy ManagedInstanceCore -Force -EndpointUrl '$($Proxy.Url)'" -Arguments @('-NonInteractive') -Answers @()

        $errors | Should -BeNullOrEmpty
        (Get-Sent).action | Should -Contain 'DetachRolePolicy'
        Get-Attached $name | Should -Not -Contain $Core
    }
}
