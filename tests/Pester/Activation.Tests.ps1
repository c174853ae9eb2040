BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # moto has no CreateActivation: a stand-in that checks what the SDK sends, and answers "Nonexistent role"
    # to the first two calls, as SSM does while a new role propagates.
    $script:Ssm = Start-TestTool 'ssm_endpoint.py' @('--nonexistent', '2')
    function Get-SsmLog { @((Invoke-RestMethod "$($Ssm.Url)/__ssm/log") | ForEach-Object { $_ }) }
}

AfterAll {
    if ($Ssm -and -not $Ssm.Process.HasExited) { $Ssm.Process.Kill() }
}

Describe 'New-SsmHybridActivation' {
    It 'takes the role from the pipeline, path included, and waits out "Nonexistent role"' {
        $name = New-TestRoleName 'activation'
        $role = New-SsmHybridServiceRole -RoleName $name -Path /hybrid/ -EndpointUrl $Endpoint

        $activation = $role | New-SsmHybridActivation -EndpointUrl $Ssm.Url -RegistrationLimit 5 -DefaultInstanceName HQ -Tag @{ site = 'hq' } -ExpirationDate (Get-Date).AddDays(3)

        $activation | Should -BeOfType SsmHybridRole.HybridActivation
        $activation.IamRole | Should -Be "hybrid/$name"
        $activation.Region | Should -Be 'us-east-2'
        $activation.ActivationId | Should -Match '^[0-9a-f-]{36}$'
        $log = Get-SsmLog
        $log.answer | Should -Be @('nonexistent', 'nonexistent', 'created')
        $log.problems | Should -BeNullOrEmpty -Because 'the SDK sent a signed, well-formed CreateActivation'
        $log[-1].request.IamRole | Should -Be "hybrid/$name"
        $log[-1].request.RegistrationLimit | Should -Be 5
        $log[-1].request.DefaultInstanceName | Should -Be 'HQ'
        $log[-1].request.Tags.Key | Should -Be 'site'
        $activation.GetActivationCode() | Should -Be $log[-1].code
        $activation.GetRegistrationCommand() | Should -Be "sudo amazon-ssm-agent -register -code `"$($log[-1].code)`" -id `"$($activation.ActivationId)`" -region `"us-east-2`""
    }

    It 'keeps the activation code out of the default view, verbose text and the transcript' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "activation-$PID.txt"
        $null = Start-Transcript $transcript
        $all = New-SsmHybridActivation -RoleName SSMServiceRole -EndpointUrl $Ssm.Url -Verbose 4>&1
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

    It 'refuses bad input before any request: <Label>' -ForEach @(
        @{ Label = 'a limit of 0'; Id = 'InvalidRegistrationLimit'; Command = { New-SsmHybridActivation -RegistrationLimit 0 -EndpointUrl $Ssm.Url } }
        @{ Label = 'an expiry in the past'; Id = 'InvalidExpirationDate'; Command = { New-SsmHybridActivation -ExpirationDate (Get-Date).AddDays(-1) -EndpointUrl $Ssm.Url } }
        @{ Label = 'an expiry 31 days ahead'; Id = 'InvalidExpirationDate'; Command = { New-SsmHybridActivation -ExpirationDate (Get-Date).AddDays(31) -EndpointUrl $Ssm.Url } }
        @{ Label = 'a bad role name'; Id = 'InvalidRoleName'; Command = { New-SsmHybridActivation -RoleName 'a b' -EndpointUrl $Ssm.Url } }
    ) {
        $before = @(Get-SsmLog).Count
        $errors = Invoke-Failing $Command

        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,SsmHybridRole.Commands.NewSsmHybridActivationCommand"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-SsmLog).Count | Should -Be $before
    }

    It 'sends nothing under -WhatIf' {
        $before = @(Get-SsmLog).Count
        New-SsmHybridActivation -RoleName SSMServiceRole -EndpointUrl $Ssm.Url -WhatIf | Should -BeNullOrEmpty
        @(Get-SsmLog).Count | Should -Be $before
    }
}
