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

    # What may leave the process under -WhatIf: reads, and the caller's identity.
    function Test-Read($Request) {
        switch ($Request.service) {
            'iam' { $Request.action -match '^(Get|List)' }
            'sts' { $Request.action -eq 'GetCallerIdentity' }
            'ssm' { $Request.action -match '^(Describe|Get)' }
            default { $false }
        }
    }

    # The scene: roles in moto (made through the proxy, so its log shows writes), an activation and a node in the stand-in.
    $script:Role = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'whatif') -EndpointUrl $Proxy.Url).RoleName
    $script:Spare = (New-SsmHybridServiceRole -RoleName (New-TestRoleName 'whatif-spare') -EndpointUrl $Proxy.Url).RoleName
    $script:Activation = New-SsmHybridActivation -RoleName $Role -EndpointUrl $Ssm.Url
    $script:Node = Register-TestNode $Ssm $Activation
    $script:Trust = New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2
    $script:TemplateFile = Join-Path ([IO.Path]::GetTempPath()) "whatif-$PID.json"

    # One case per cmdlet and parameter set, each a change it would make.
    $script:Cases = @{
        'Add-SsmHybridRolePolicy/__AllParameterSets'         = { Add-SsmHybridRolePolicy -RoleName $Role -Policy CloudWatchAgentServer -EndpointUrl $Proxy.Url -WhatIf }
        'Remove-SsmHybridRolePolicy/__AllParameterSets'      = { Remove-SsmHybridRolePolicy -RoleName $Role -Policy ManagedInstanceCore -EndpointUrl $Proxy.Url -WhatIf }
        # One parameter set since issue 15a; both ways to give the trust (built, or a document) stay covered.
        'New-SsmHybridServiceRole/__AllParameterSets'        = { New-SsmHybridServiceRole -RoleName "$Role-new" -Policy CloudWatchAgentServer -Tag @{ team = 'ops' } -EndpointUrl $Proxy.Url -WhatIf; New-SsmHybridServiceRole -RoleName "$Role-custom" -AssumeRolePolicyDocument $Trust -EndpointUrl $Proxy.Url -WhatIf }
        'Set-SsmHybridServiceRole/__AllParameterSets'        = { Set-SsmHybridServiceRole -RoleName $Role -Description 'changed' -Tag @{ team = 'ops' } -Policy CloudWatchAgentServer -ActivationRegion us-east-2, eu-west-1 -EndpointUrl $Proxy.Url -WhatIf; Set-SsmHybridServiceRole -RoleName "$Role-missing" -AssumeRolePolicyDocument $Trust -EndpointUrl $Proxy.Url -WhatIf }
        'Remove-SsmHybridServiceRole/__AllParameterSets'     = { Remove-SsmHybridServiceRole -RoleName $Spare -Region us-east-2 -EndpointUrl $Proxy.Url -WhatIf }
        'New-SsmHybridS3BucketPolicy/Create'                 = { New-SsmHybridS3BucketPolicy -PolicyName "whatif-$PID" -VpcEndpoint -OutputBucket some-bucket -EndpointUrl $Proxy.Url -WhatIf }
        'New-SsmHybridS3BucketPolicy/DocumentOnly'           = { $null = New-SsmHybridS3BucketPolicy -DocumentOnly -OutputBucket some-bucket -WhatIf }
        'Export-SsmHybridRoleTemplate/__AllParameterSets'    = { Export-SsmHybridRoleTemplate -RoleName $Role -Path $TemplateFile -WhatIf; if (Test-Path $TemplateFile) { Write-Error 'the template was written' } }
        'New-SsmHybridActivation/__AllParameterSets'         = { New-SsmHybridActivation -RoleName $Role -RegistrationLimit 5 -EndpointUrl $Ssm.Url -WhatIf }
        'Remove-SsmHybridActivation/__AllParameterSets'      = { Remove-SsmHybridActivation -ActivationId $Activation.ActivationId -EndpointUrl $Ssm.Url -WhatIf }
        'Set-SsmHybridManagedNode/__AllParameterSets'        = { Set-SsmHybridManagedNode -InstanceId $Node -RoleName $Spare -EndpointUrl $Ssm.Url -WhatIf }
        'Unregister-SsmHybridManagedNode/__AllParameterSets' = { Unregister-SsmHybridManagedNode -InstanceId $Node -EndpointUrl $Ssm.Url -WhatIf }
        'Set-SsmHybridInstanceTier/__AllParameterSets'       = { Set-SsmHybridInstanceTier -Tier Advanced -Region us-east-2, eu-west-1 -EndpointUrl $Ssm.Url -WhatIf }
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
        Reset-IamProxyLog $Proxy
        $ssmBefore = @(Get-SsmLog $Ssm).Count

        $output = & $Cases["$Command/$Set"] 2>&1

        $output | Should -BeNullOrEmpty -Because 'under -WhatIf there is neither output nor an error'
        $sent = @(Get-Sent) + @(Get-SsmLog $Ssm | Select-Object -Skip $ssmBefore | ForEach-Object { [pscustomobject]@{ service = 'ssm'; action = $_.action } })
        $sent | Where-Object { -not (Test-Read $_) } | ForEach-Object { "$($_.service):$($_.action)" } | Should -BeNullOrEmpty
    }
}
