# -WhatIf, proven for every cmdlet and parameter set by an allow-list: under -WhatIf only reads leave the process.
# The cmdlets and sets come from Get-Command, so a new cmdlet or set that supports -WhatIf fails here until it has
# a case. IAM and STS go through the recording proxy (tests/tools/iam_proxy.py), Systems Manager to its stand-in
# (tests/tools/ssm_endpoint.py); both log every request by operation (the proxy names JSON requests by X-Amz-Target).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../module/SsmHybridRole') -Force
    $Sets = foreach ($command in Get-Command -Module SsmHybridRole | Where-Object { $_.Parameters.ContainsKey('WhatIf') }) {
        foreach ($set in $command.ParameterSets) { @{ Command = $command.Name; Set = $set.Name } }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'SsmStandIn.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $script:Ssm = Start-SsmStandIn
    # Systems Manager for the commands whose -EndpointUrl reaches IAM (Remove-SsmHybridServiceRole's in-use check).
    $env:AWS_ENDPOINT_URL_SSM = $Ssm.Url

    # What may leave the process under -WhatIf: reads, and the caller's identity. -AllowAssumeRole adds sts:AssumeRole,
    # for the one case that plans in other accounts (Set-SsmHybridServiceRole -AccountId): it reads each member
    # account's role through a session of its own, and assuming a role only hands out temporary credentials, it
    # changes nothing in any account.
    function Test-Read($Request, [switch] $AllowAssumeRole) {
        switch ($Request.service) {
            'iam' { $Request.action -match '^(Get|List)' }
            'sts' { $Request.action -eq 'GetCallerIdentity' -or ($AllowAssumeRole -and $Request.action -eq 'AssumeRole') }
            'ssm' { $Request.action -match '^(Describe|Get)' }
            default { $false }
        }
    }

    # The scene: roles in moto (made through the proxy, so its log shows writes), an activation and a node in the stand-in.
    $script:Role = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'whatif') -EndpointUrl $Proxy.Url).RoleName
    $script:Spare = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'whatif-spare') -EndpointUrl $Proxy.Url).RoleName
    $script:Forced = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'whatif-forced') -EndpointUrl $Proxy.Url).RoleName
    $script:Activation = New-SsmHybridActivation -RoleName $Role -EndpointUrl $Ssm.Url
    $script:Node = Register-TestNode $Ssm $Activation
    $script:Trust = New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2
    $script:TemplateFile = Join-Path (New-TestFolder 'whatif') 'template.json'
    # Member accounts no other file reaches, so that each -AccountId case needs its own AssumeRole (sessions are kept per account).
    $script:Members = 1..2 | ForEach-Object { '5100000000{0:d2}' -f $_ }
    $script:NewMembers = 3..4 | ForEach-Object { '5100000000{0:d2}' -f $_ }

    # The role $Forced as moto holds it, read past the proxy: it must still be there, with ManagedInstanceCore.
    function Assert-ForcedRoleKept {
        $policies = (Get-SsmHybridServiceRole -RoleName $Forced -EndpointUrl $Endpoint -ErrorAction SilentlyContinue).AttachedPolicies.PolicyName
        if ($policies -notcontains 'AmazonSSMManagedInstanceCore') { Write-Error "role $Forced lost ManagedInstanceCore or is gone (attached: $policies)" }
    }

    # The calls for each cmdlet and parameter set, each a change it would make; a set may hold several calls
    # (New-/Set-SsmHybridServiceRole: the trust they build, a trust given whole, -AccountId).
    $script:Cases = @{
        'Add-SsmHybridRolePolicy/__AllParameterSets'         = @(
            @{ Label = 'a policy to attach'; Run = { Add-SsmHybridRolePolicy -RoleName $Role -Policy CloudWatchAgentServer -EndpointUrl $Proxy.Url -WhatIf } }
        )
        'Remove-SsmHybridRolePolicy/__AllParameterSets'      = @(
            @{ Label = 'the required policy'; Run = { Remove-SsmHybridRolePolicy -RoleName $Role -Policy ManagedInstanceCore -EndpointUrl $Proxy.Url -WhatIf } }
            @{ Label = 'the required policy with -Force'; Run = { Remove-SsmHybridRolePolicy -RoleName $Forced -Policy ManagedInstanceCore -Force -EndpointUrl $Proxy.Url -WhatIf; Assert-ForcedRoleKept } }
        )
        'New-SsmHybridServiceRole/__AllParameterSets'        = @(
            @{ Label = 'the trust it builds'; Run = { New-SsmHybridServiceRole -RoleName "$Role-new" -Policy CloudWatchAgentServer -Tag @{ team = 'ops' } -EndpointUrl $Proxy.Url -WhatIf } }
            @{ Label = 'a trust given whole'; Run = { New-SsmHybridServiceRole -RoleName "$Role-custom" -AssumeRolePolicyDocument $Trust -EndpointUrl $Proxy.Url -WhatIf } }
            @{ Label = 'in other accounts (-AccountId)'; Members = $NewMembers; Run = { New-SsmHybridServiceRole -RoleName "$Role-org" -AccountId $NewMembers -Policy CloudWatchAgentServer -EndpointUrl $Proxy.Url -WhatIf } }
        )
        'Set-SsmHybridServiceRole/__AllParameterSets'        = @(
            @{ Label = 'the trust it builds'; Run = { Set-SsmHybridServiceRole -RoleName $Role -Description 'changed' -Tag @{ team = 'ops' } -Policy CloudWatchAgentServer -ActivationRegion us-east-2, eu-west-1 -EndpointUrl $Proxy.Url -WhatIf } }
            @{ Label = 'a trust given whole'; Run = { Set-SsmHybridServiceRole -RoleName "$Role-missing" -AssumeRolePolicyDocument $Trust -EndpointUrl $Proxy.Url -WhatIf } }
            @{ Label = 'in other accounts (-AccountId)'; Members = $Members; AllowAssumeRole = $true; Run = { Set-SsmHybridServiceRole -RoleName "$Role-org" -AccountId $Members -Policy CloudWatchAgentServer -EndpointUrl $Proxy.Url -WhatIf } }
        )
        'Remove-SsmHybridServiceRole/__AllParameterSets'     = @(
            @{ Label = 'a role'; Run = { Remove-SsmHybridServiceRole -RoleName $Spare -Region us-east-2 -EndpointUrl $Proxy.Url -WhatIf } }
            @{ Label = 'a role with -Force'; Run = { Remove-SsmHybridServiceRole -RoleName $Forced -Force -Region us-east-2 -EndpointUrl $Proxy.Url -WhatIf; Assert-ForcedRoleKept } }
        )
        'New-SsmHybridS3BucketPolicy/Create'                 = @(
            @{ Label = 'a policy'; Run = { New-SsmHybridS3BucketPolicy -PolicyName "whatif-$PID" -VpcEndpoint -OutputBucket some-bucket -EndpointUrl $Proxy.Url -WhatIf } }
        )
        'New-SsmHybridS3BucketPolicy/DocumentOnly'           = @(
            @{ Label = 'the document only'; Run = { $null = New-SsmHybridS3BucketPolicy -DocumentOnly -OutputBucket some-bucket -WhatIf } }
        )
        'Export-SsmHybridRoleTemplate/__AllParameterSets'    = @(
            @{ Label = 'a template file'; Run = { Export-SsmHybridRoleTemplate -RoleName $Role -Path $TemplateFile -WhatIf; if (Test-Path $TemplateFile) { Write-Error 'the template was written' } } }
        )
        'New-SsmHybridActivation/__AllParameterSets'         = @(
            @{ Label = 'an activation'; Run = { New-SsmHybridActivation -RoleName $Role -RegistrationLimit 5 -EndpointUrl $Ssm.Url -WhatIf } }
        )
        'Remove-SsmHybridActivation/__AllParameterSets'      = @(
            @{ Label = 'an activation'; Run = { Remove-SsmHybridActivation -ActivationId $Activation.ActivationId -EndpointUrl $Ssm.Url -WhatIf } }
        )
        'Set-SsmHybridManagedNode/__AllParameterSets'        = @(
            @{ Label = 'a node''s role'; Run = { Set-SsmHybridManagedNode -InstanceId $Node -RoleName $Spare -EndpointUrl $Ssm.Url -WhatIf } }
        )
        'Unregister-SsmHybridManagedNode/__AllParameterSets' = @(
            @{ Label = 'a node'; Run = { Unregister-SsmHybridManagedNode -InstanceId $Node -EndpointUrl $Ssm.Url -WhatIf } }
        )
        'Set-SsmHybridInstanceTier/__AllParameterSets'       = @(
            @{ Label = 'two Regions'; Run = { Set-SsmHybridInstanceTier -Tier Advanced -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url -WhatIf } }
        )
    }
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_SSM -ErrorAction SilentlyContinue
    if ($Ssm -and -not $Ssm.Process.HasExited) { $Ssm.Process.Kill() }
    Stop-IamProxy $Proxy
}

Describe 'Under -WhatIf only reads leave the process' {
    It 'the recording sees writes: the scene''s own CreateRole and CreateActivation are logged, the JSON ones by X-Amz-Target' {
        (Get-Sent).action | Should -Contain 'CreateRole'
        (Get-SsmLog $Ssm).action | Should -Contain 'CreateActivation'

        Reset-IamProxyLog $Proxy
        Remove-Item Env:AWS_ENDPOINT_URL_SSM
        try { $null = Get-SsmHybridActivation -EndpointUrl $Proxy.Url -ErrorAction SilentlyContinue } finally { $env:AWS_ENDPOINT_URL_SSM = $Ssm.Url }
        (Get-Sent | Where-Object target -eq 'AmazonSSM.DescribeActivations').action | Should -Contain 'DescribeActivations'
    }

    It '<Command> (<Set>)' -ForEach $Sets {
        $Cases.Keys | Should -Contain "$Command/$Set" -Because 'every cmdlet and parameter set that supports -WhatIf needs a case here'
        foreach ($case in $Cases["$Command/$Set"]) {
            Reset-IamProxyLog $Proxy
            $ssmBefore = @(Get-SsmLog $Ssm).Count

            $output = & $case.Run 2>&1

            $output | Should -BeNullOrEmpty -Because "under -WhatIf there is neither output nor an error ($($case.Label))"
            $iam = @(Get-Sent)
            $sent = $iam + @(Get-SsmLog $Ssm | Select-Object -Skip $ssmBefore | ForEach-Object { [pscustomobject]@{ service = 'ssm'; action = $_.action } })
            $sent | Where-Object { -not (Test-Read $_ -AllowAssumeRole:([bool] $case.AllowAssumeRole)) } | ForEach-Object { "$($_.service):$($_.action)" } | Should -BeNullOrEmpty -Because "only reads may be sent ($($case.Label))"
            if ($case.AllowAssumeRole) {
                # The plan did reach each member account: one AssumeRole each, and the role read there with the
                # session's own key; what was sent with those keys is covered by the allow-list above (no IAM write).
                $assumed = @($iam | Where-Object action -eq 'AssumeRole')
                $assumed.Count | Should -Be $case.Members.Count -Because 'Set- plans in each member account through an assumed role'
                $memberKeys = @($iam | Where-Object { $_.access_key -and $_.access_key -ne $env:AWS_ACCESS_KEY_ID } | ForEach-Object access_key | Sort-Object -Unique)
                $memberKeys.Count | Should -Be $case.Members.Count -Because 'each member account is read with its own session'
                @($iam | Where-Object { $_.access_key -in $memberKeys -and $_.action -eq 'GetRole' }).Count | Should -Be $case.Members.Count
            }
            elseif ($case.Members) {
                # New- asks about each account before it assumes anything: under -WhatIf no account is even entered.
                $iam | Where-Object action -eq 'AssumeRole' | Should -BeNullOrEmpty -Because 'New- -WhatIf asks before assuming a role in any account'
            }
        }
    }
}
