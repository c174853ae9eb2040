BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SsmStandIn.ps1')
    $script:Ssm = Start-SsmStandIn
    $script:OldRole = New-TestHybridRole 'rotate-old'
    $script:OtherRole = New-TestHybridRole 'other'
    $old = New-SsmHybridActivation -RoleName $OldRole.RoleName -RegistrationLimit 10 -EndpointUrl $Ssm.Url
    $other = New-SsmHybridActivation -RoleName $OtherRole.RoleName -RegistrationLimit 10 -EndpointUrl $Ssm.Url
    $west = New-SsmHybridActivation -RoleName $OldRole.RoleName -Region eu-west-1 -EndpointUrl $Ssm.Url
    $script:OldActivation = $old
    $script:OldNodes = @(1..6 | ForEach-Object { Register-TestNode $Ssm $old "old-$_" })
    $script:LostNode = Register-TestNode $Ssm $other 'lost' 'ConnectionLost'
    $script:WestNode = Register-TestNode $Ssm $west 'west'
    $script:Id = @{ Get = 'SsmHybridRole.Commands.GetSsmHybridManagedNodeCommand'; Set = 'SsmHybridRole.Commands.SetSsmHybridManagedNodeCommand'; Unregister = 'SsmHybridRole.Commands.UnregisterSsmHybridManagedNodeCommand' }
}

AfterAll {
    if ($Ssm -and -not $Ssm.Process.HasExited) { $Ssm.Process.Kill() }
}

Describe 'Get-SsmHybridManagedNode' {
    It 'lists the nodes of a role, every page, hybrid nodes only' {
        Set-SsmPageCap $Ssm 4
        try {
            $before = @(Get-SsmLog $Ssm).Count
            $nodes = @($OldRole | Get-SsmHybridManagedNode -EndpointUrl $Ssm.Url)
            $pages = @(Get-SsmLog $Ssm | Select-Object -Skip $before)
        }
        finally { Set-SsmPageCap $Ssm 0 }

        ($nodes.InstanceId | Sort-Object) | Should -Be ($OldNodes | Sort-Object)
        $pages.Count | Should -Be 2 -Because 'six nodes at four a page'
        $pages[1].request.NextToken | Should -Not -BeNullOrEmpty
        ($pages[0].request.Filters | Where-Object Key -eq 'ResourceType').Values | Should -Be 'ManagedInstance'
        ($pages[0].request.Filters | Where-Object Key -eq 'IamRole').Values | Should -Be $OldRole.RoleName
        $nodes[0].IamRole | Should -Be $OldRole.RoleName
        $nodes[0].ActivationId | Should -Be $OldActivation.ActivationId
        $nodes[0].PingStatus | Should -Be 'Online'
        $nodes[0].Region | Should -Be 'us-east-2'
    }

    It 'filters by ping status, activation and id, and asks several Regions' {
        (Get-SsmHybridManagedNode -PingStatus ConnectionLost -EndpointUrl $Ssm.Url).InstanceId | Should -Be $LostNode
        @($OldActivation | Get-SsmHybridManagedNode -EndpointUrl $Ssm.Url).Count | Should -Be 6
        (Get-SsmHybridManagedNode -InstanceId $OldNodes[2] -EndpointUrl $Ssm.Url).ComputerName | Should -Be 'old-3'
        $both = @(Get-SsmHybridManagedNode -RoleName $OldRole.RoleName -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url)
        $both.Count | Should -Be 7
        ($both | Where-Object Region -eq 'eu-west-1').InstanceId | Should -Be $WestNode
    }

    It 'completes -InstanceId with the nodes of the Region' {
        $line = "Unregister-SsmHybridManagedNode -EndpointUrl $($Ssm.Url) -InstanceId $($LostNode.Substring(0, 7))"
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            if ($completion.CompletionMatches.CompletionText -notcontains $LostNode) { Start-Sleep -Milliseconds 250 }
        } until ($completion.CompletionMatches.CompletionText -contains $LostNode -or [DateTime]::UtcNow -gt $deadline)

        $completion.CompletionMatches.CompletionText | Should -Contain $LostNode
        ($completion.CompletionMatches | Where-Object CompletionText -eq $LostNode).ToolTip | Should -BeLike 'lost (ConnectionLost*'
    }
}

Describe 'Role rotation: new role, move every node, check, remove the old role' {
    It 'moves every node of the old role, and nothing else' {
        $new = New-SsmHybridServiceRole -RoleName (New-TestRoleName 'rotate-new') -EndpointUrl $Endpoint
        $before = @(Get-SsmLog $Ssm).Count

        Get-SsmHybridManagedNode -RoleName $OldRole.RoleName -EndpointUrl $Ssm.Url | Set-SsmHybridManagedNode -RoleName $new.RoleName -EndpointUrl $Ssm.Url -WhatIf
        @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'UpdateManagedInstanceRole') | Should -BeNullOrEmpty -Because '-WhatIf sends no change'

        $moved = @(Get-SsmHybridManagedNode -RoleName $OldRole.RoleName -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url | Set-SsmHybridManagedNode -RoleName $new.RoleName -EndpointUrl $Ssm.Url -PassThru)

        $moved.Count | Should -Be 7
        $moved.IamRole | Sort-Object -Unique | Should -Be $new.RoleName
        ($moved | Where-Object Region -eq 'eu-west-1').InstanceId | Should -Be $WestNode -Because 'each node is moved in the Region it came from'
        Get-SsmHybridManagedNode -RoleName $OldRole.RoleName -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url | Should -BeNullOrEmpty
        (Get-SsmHybridManagedNode -InstanceId $LostNode -EndpointUrl $Ssm.Url).IamRole | Should -Be $OtherRole.RoleName
        (Test-SsmHybridServiceRole -RoleName $new.RoleName -EndpointUrl $Endpoint).Passed | Should -BeTrue
        Get-SsmHybridActivation -RoleName $OldRole.RoleName -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url | Remove-SsmHybridActivation -EndpointUrl $Ssm.Url -Force
        Remove-SsmHybridServiceRole -RoleName $OldRole.RoleName -EndpointUrl $Endpoint -Force
        Get-SsmHybridServiceRole -RoleName $OldRole.RoleName -EndpointUrl $Endpoint -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a role SSM does not know, once the wait for it is over' {
        $command = "Import-Module '$ModulePath'; Set-SsmHybridManagedNode -InstanceId $LostNode -RoleName 'no-such-role' -EndpointUrl '$($Ssm.Url)' -ErrorVariable e -ErrorAction SilentlyContinue; 'error:' + `$e[0].FullyQualifiedErrorId"

        $lines = Invoke-FreshPwsh $command @{ SSMHYBRIDROLE_PROPAGATION_TIMEOUT = '1' }

        $lines | Should -Contain "error:RoleNotVisibleToSsm,$($Id.Set)"
        (Get-SsmHybridManagedNode -InstanceId $LostNode -EndpointUrl $Ssm.Url).IamRole | Should -Be $OtherRole.RoleName
    }
}

Describe 'Unregister-SsmHybridManagedNode' {
    It 'sends nothing under -WhatIf, then deregisters what is piped to it' {
        $before = @(Get-SsmLog $Ssm).Count
        Get-SsmHybridManagedNode -PingStatus ConnectionLost -EndpointUrl $Ssm.Url | Unregister-SsmHybridManagedNode -EndpointUrl $Ssm.Url -WhatIf
        @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'DeregisterManagedInstance') | Should -BeNullOrEmpty

        Get-SsmHybridManagedNode -PingStatus ConnectionLost -EndpointUrl $Ssm.Url | Unregister-SsmHybridManagedNode -EndpointUrl $Ssm.Url -Force

        (Get-SsmState $Ssm).nodes.PSObject.Properties.Name | Should -Not -Contain $LostNode
        $errors = Invoke-Failing { Unregister-SsmHybridManagedNode -InstanceId $LostNode -EndpointUrl $Ssm.Url -Force }
        $errors[0].FullyQualifiedErrorId | Should -Be "ManagedNodeNotFound,$($Id.Unregister)"
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $LostNode
    }

    It 'asks for confirmation: ConfirmImpact High' {
        (Get-Command Unregister-SsmHybridManagedNode).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Remove-SsmHybridActivation).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Set-SsmHybridInstanceTier).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}

Describe 'The instance tier' {
    It 'reads standard, sends nothing under -WhatIf, then turns advanced on and leaves an advanced Region alone' {
        (Get-SsmHybridInstanceTier -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url).Tier | Should -Be @('Standard', 'Standard')
        $before = @(Get-SsmLog $Ssm).Count
        Set-SsmHybridInstanceTier -Tier Advanced -EndpointUrl $Ssm.Url -WhatIf | Should -BeNullOrEmpty
        @(Get-SsmLog $Ssm).Count | Should -Be $before -Because '-WhatIf sends nothing, not even the read'

        $set = Set-SsmHybridInstanceTier -Tier Advanced -EndpointUrl $Ssm.Url -Force
        $again = Set-SsmHybridInstanceTier -Tier Advanced -EndpointUrl $Ssm.Url -Force

        $set.Tier | Should -Be 'Advanced'
        $set.Status | Should -Be 'Customized'
        $again.Tier | Should -Be 'Advanced'
        $updates = @(Get-SsmLog $Ssm | Select-Object -Skip $before | Where-Object action -eq 'UpdateServiceSetting')
        $updates.Count | Should -Be 1 -Because 'a Region already at the tier is left alone'
        $updates[0].request.SettingId | Should -Be '/ssm/managed-instance/activation-tier'
        $updates[0].request.SettingValue | Should -Be 'advanced'
        (Get-SsmHybridInstanceTier -Region eu-west-1 -EndpointUrl $Ssm.Url).Tier | Should -Be 'Standard'
        (Get-Help Set-SsmHybridInstanceTier).description.Text -join ' ' | Should -Match 'charged .* per advanced node and hour'
    }
}

Describe 'Bad input is refused before any request' {
    It '<Label>' -ForEach @(
        @{ Label = 'a node id without mi-'; Cmd = 'Set'; Command = { Set-SsmHybridManagedNode -InstanceId 'i-0123456789abcdef0' -RoleName r -EndpointUrl $Ssm.Url }; Error = 'InvalidManagedNodeId' }
        @{ Label = 'a node id with 16 digits'; Cmd = 'Unregister'; Command = { Unregister-SsmHybridManagedNode -InstanceId 'mi-0123456789abcdef' -EndpointUrl $Ssm.Url -Force }; Error = 'InvalidManagedNodeId' }
        @{ Label = 'a node id in upper case'; Cmd = 'Get'; Command = { Get-SsmHybridManagedNode -InstanceId 'mi-0123456789ABCDEF0' -EndpointUrl $Ssm.Url }; Error = 'InvalidManagedNodeId' }
        @{ Label = 'a node id with a line end'; Cmd = 'Unregister'; Command = { Unregister-SsmHybridManagedNode -InstanceId "mi-0123456789abcdef0`n" -EndpointUrl $Ssm.Url -Force }; Error = 'InvalidManagedNodeId' }
        @{ Label = 'a malformed activation id'; Cmd = 'Get'; Command = { Get-SsmHybridManagedNode -ActivationId 'not-a-guid' -EndpointUrl $Ssm.Url }; Error = 'InvalidActivationId' }
        @{ Label = 'a bad role name'; Cmd = 'Set'; Command = { Set-SsmHybridManagedNode -InstanceId 'mi-0123456789abcdef0' -RoleName 'bad name!' -EndpointUrl $Ssm.Url }; Error = 'InvalidRoleName' }
        @{ Label = 'a bad Region from the pipeline'; Cmd = 'Set'; Command = { [pscustomobject]@{ InstanceId = 'mi-0123456789abcdef0'; Region = 'mars-1' } | Set-SsmHybridManagedNode -RoleName r -EndpointUrl $Ssm.Url }; Error = 'InvalidRegion' }
        @{ Label = 'a bad Region in a list'; Cmd = 'Get'; Command = { Get-SsmHybridManagedNode -Region us-east-2, 'US-EAST-1' -EndpointUrl $Ssm.Url }; Error = 'InvalidRegion' }
    ) {
        Assert-RefusedBeforeRequest $Ssm $Command "$Error,$($Id[$Cmd])"
    }

    It 'found no problem in any request the module sent' {
        @(Get-SsmLog $Ssm).Count | Should -BeGreaterThan 20
        Get-SsmProblems $Ssm | Should -BeNullOrEmpty
    }
}
