BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Proxy = Start-IamProxy -Upstream $Endpoint
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Proxy.Url

    # Every property of the module's output types that binds to a parameter by property name, found by reflection
    # on the real types and the real cmdlets, as "Type.Property -> Cmdlet -Parameter".
    function Get-PropertyBinding {
        $assembly = [SsmHybridRole.HybridServiceRole].Assembly
        $types = $assembly.GetExportedTypes() | Where-Object { $_.Namespace -eq 'SsmHybridRole' -and $_.IsClass -and -not [Exception].IsAssignableFrom($_) }
        $parameters = foreach ($cmdlet in Get-Command -Module SsmHybridRole -CommandType Cmdlet) {
            foreach ($parameter in $cmdlet.Parameters.Values | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true }) {
                foreach ($name in @($parameter.Name) + $parameter.Aliases) { [pscustomobject]@{ Cmdlet = $cmdlet.Name; Parameter = $parameter.Name; Name = $name } }
            }
        }
        foreach ($type in $types) {
            foreach ($property in $type.GetProperties('Public, Instance')) {
                foreach ($match in $parameters | Where-Object Name -eq $property.Name) { "$($type.Name).$($property.Name) -> $($match.Cmdlet) -$($match.Parameter)" }
            }
        }
    }

    # An object's own id binds wherever that id is asked for: a role name is a role name, a policy ARN a policy ARN.
    $script:Ids = 'RoleName', 'PolicyArn', 'ActivationId', 'InstanceId'

    # Every other binding, with its verdict. 'same': the same value, meant to flow. 'refused': the object names none of
    # the cmdlet's subjects (no RoleName, no InstanceId, no ActivationId), so piping it alone is refused before any
    # request (proved below); a property that would change meaning may only be here. 'own account': the cmdlet works
    # only in the account of its credentials, and refuses a role of another account before any change (proved below).
    $script:Verdicts = [ordered]@{
        'HybridServiceRole.AccountId -> New-SsmHybridServiceRole -AccountId'                    = 'same'
        'HybridServiceRole.AccountId -> Set-SsmHybridServiceRole -AccountId'                    = 'same'
        'HybridServiceRole.AccountId -> Test-SsmHybridServiceRole -AccountId'                   = 'same'
        'HybridRoleTestResult.AccountId -> New-SsmHybridServiceRole -AccountId'                 = 'same'
        'HybridRoleTestResult.AccountId -> Set-SsmHybridServiceRole -AccountId'                 = 'same'
        'HybridRoleTestResult.AccountId -> Test-SsmHybridServiceRole -AccountId'                = 'same'
        'HybridServiceRole.Description -> New-SsmHybridServiceRole -Description'                = 'same'
        'HybridServiceRole.Description -> Set-SsmHybridServiceRole -Description'                = 'same'
        'HybridServiceRole.MaxSessionDuration -> New-SsmHybridServiceRole -MaxSessionDuration'  = 'same'
        'HybridServiceRole.MaxSessionDuration -> Set-SsmHybridServiceRole -MaxSessionDuration'  = 'same'
        'HybridServiceRole.PermissionsBoundary -> New-SsmHybridServiceRole -PermissionsBoundary' = 'same'
        'HybridServiceRole.PermissionsBoundary -> Set-SsmHybridServiceRole -PermissionsBoundary' = 'same'
        'HybridServiceRole.Path -> New-SsmHybridServiceRole -Path'                              = 'same'
        'HybridServiceRole.Path -> Set-SsmHybridServiceRole -Path'                              = 'same'
        'HybridServiceRole.Path -> Get-SsmHybridActivation -RolePath'                           = 'same'
        'HybridServiceRole.Path -> Get-SsmHybridManagedNode -RolePath'                          = 'same'
        'HybridServiceRole.Path -> New-SsmHybridActivation -RolePath'                           = 'same'
        'HybridServiceRole.Tags -> New-SsmHybridServiceRole -Tag'                               = 'same'
        'HybridServiceRole.Tags -> Set-SsmHybridServiceRole -Tag'                               = 'same'
        'HybridActivation.Region -> Remove-SsmHybridActivation -Region'                         = 'same'
        'HybridManagedNode.Region -> Remove-SsmHybridActivation -Region'                        = 'same'
        'HybridManagedNode.Region -> Set-SsmHybridManagedNode -Region'                          = 'same'
        'HybridManagedNode.Region -> Unregister-SsmHybridManagedNode -Region'                   = 'same'
        'HybridServiceRole.AccountId -> Add-SsmHybridRolePolicy -AccountId' = 'own account'
        'HybridServiceRole.AccountId -> Remove-SsmHybridRolePolicy -AccountId' = 'own account'
        'HybridServiceRole.AccountId -> Remove-SsmHybridServiceRole -AccountId' = 'own account'
        'HybridServiceRole.AccountId -> Get-SsmHybridServiceRole -AccountId' = 'own account'
        'HybridServiceRole.AccountId -> New-SsmHybridActivation -AccountId' = 'own account'
        'HybridServiceRole.AccountId -> Get-SsmHybridActivation -AccountId' = 'own account'
        'HybridServiceRole.AccountId -> Get-SsmHybridManagedNode -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> Add-SsmHybridRolePolicy -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> Remove-SsmHybridRolePolicy -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> Remove-SsmHybridServiceRole -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> Get-SsmHybridServiceRole -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> New-SsmHybridActivation -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> Get-SsmHybridActivation -AccountId' = 'own account'
        'HybridRoleTestResult.AccountId -> Get-SsmHybridManagedNode -AccountId' = 'own account'
        'HybridActivation.Description -> New-SsmHybridServiceRole -Description'                 = 'refused'
        'HybridActivation.Description -> Set-SsmHybridServiceRole -Description'                 = 'refused'
        'HybridActivation.Tags -> New-SsmHybridServiceRole -Tag'                                = 'refused'
        'HybridActivation.Tags -> Set-SsmHybridServiceRole -Tag'                                = 'refused'
        'HybridActivation.Region -> Set-SsmHybridManagedNode -Region'                           = 'refused'
        'HybridActivation.Region -> Unregister-SsmHybridManagedNode -Region'                    = 'refused'
        'HybridConnectivityResult.Region -> Remove-SsmHybridActivation -Region'                 = 'refused'
        'HybridConnectivityResult.Region -> Set-SsmHybridManagedNode -Region'                   = 'refused'
        'HybridConnectivityResult.Region -> Unregister-SsmHybridManagedNode -Region'            = 'refused'
        'HybridInstanceTier.Region -> Remove-SsmHybridActivation -Region'                       = 'refused'
        'HybridInstanceTier.Region -> Set-SsmHybridManagedNode -Region'                         = 'refused'
        'HybridInstanceTier.Region -> Unregister-SsmHybridManagedNode -Region'                  = 'refused'
        'HybridRoleLastUsed.Region -> Remove-SsmHybridActivation -Region'                       = 'refused'
        'HybridRoleLastUsed.Region -> Set-SsmHybridManagedNode -Region'                         = 'refused'
        'HybridRoleLastUsed.Region -> Unregister-SsmHybridManagedNode -Region'                  = 'refused'
    }

    # A real object of each type (activations have no public constructor: made as the module makes them).
    function New-OutputObject([string] $TypeName) {
        $type = [SsmHybridRole.HybridServiceRole].Assembly.GetType("SsmHybridRole.$TypeName", $true)
        if ($TypeName -eq 'HybridActivation') {
            $object = $type.GetConstructor([Reflection.BindingFlags]'NonPublic, Instance', $null, [type[]]@([string]), $null).Invoke(@('code'))
            foreach ($pair in @{ ActivationId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'; Region = 'us-east-2'; Description = 'head office'; IamRole = 'SSMServiceRole' }.GetEnumerator()) { $type.GetProperty($pair.Key).SetValue($object, $pair.Value) }
            $object.Tags['site'] = 'hq'
            return $object
        }
        $object = [Activator]::CreateInstance($type)
        $object.Region = 'us-east-2'
        $object
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
    Stop-IamProxy $Proxy
}

Describe 'Output objects bind into the next cmdlet without changing meaning' {
    It 'has a verdict for every property that binds by property name, and every verdict still binds' {
        $actual = @(Get-PropertyBinding | Sort-Object -Unique)
        $unjudged = $actual | Where-Object { $_ -notmatch "^\w+\.($($Ids -join '|')) -> " -and -not $Verdicts.Contains($_) }

        $unjudged | Should -BeNullOrEmpty -Because 'a new property or parameter that binds by property name needs a verdict here: same meaning, or refused'
        $Verdicts.Keys | Where-Object { $_ -notin $actual } | Should -BeNullOrEmpty -Because 'a binding the table relies on is gone'
        $actual | Should -Contain 'HybridServiceRole.Tags -> Set-SsmHybridServiceRole -Tag'
        $actual | Should -Not -Contain 'HybridServiceRole.AssumeRolePolicyDocument -> Set-SsmHybridServiceRole -AssumeRolePolicyDocument' -Because "a role's current trust must not turn off the trust the module keeps"
        $actual | Should -Not -Contain 'HybridRoleChange.Description -> Set-SsmHybridServiceRole -Description' -Because "a change's text must not become the role's description"
    }

    It 'refuses each pipeline whose binding is marked refused, before any request' {
        Reset-IamProxyLog $Proxy
        $pairs = $Verdicts.Keys | Where-Object { $Verdicts[$_] -eq 'refused' } | ForEach-Object { $_ -replace '^(\w+)\.\w+ -> (\S+) .*$', '$1 $2' } | Sort-Object -Unique
        foreach ($pair in $pairs) {
            $typeName, $cmdlet = $pair -split ' '
            $extra = switch ($cmdlet) { 'Set-SsmHybridManagedNode' { @{ RoleName = 'SSMServiceRole' } } 'Set-SsmHybridServiceRole' { @{} } 'New-SsmHybridServiceRole' { @{} } default { @{ Force = $true } } }
            $object = New-OutputObject $typeName
            $errors = Invoke-Failing { $object | & $cmdlet @extra }

            $errors.Count | Should -BeGreaterThan 0 -Because "$typeName piped alone into $cmdlet names none of its subjects"
            $errors[0].CategoryInfo.Category | Should -BeIn 'InvalidArgument', 'InvalidData' -Because "$pair is refused as input"
        }
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'refuses a role of another account in every cmdlet marked own account, asking only STS who the caller is' {
        Reset-IamProxyLog $Proxy
        $pairs = @($Verdicts.Keys | Where-Object { $Verdicts[$_] -eq 'own account' } | ForEach-Object { $_ -replace '^(\w+)\.\w+ -> (\S+) .*$', '$1 $2' } | Sort-Object -Unique)
        $pairs.Count | Should -Be 14
        foreach ($pair in $pairs) {
            $typeName, $cmdlet = $pair -split ' '
            $extra = switch -Wildcard ($cmdlet) { '*RolePolicy' { @{ Policy = 'CloudWatchAgentServer'; Confirm = $false }; break } 'Remove-*' { @{ Confirm = $false }; break } 'New-SsmHybridActivation' { @{ Confirm = $false }; break } default { @{} } }
            $object = [Activator]::CreateInstance([SsmHybridRole.HybridServiceRole].Assembly.GetType("SsmHybridRole.$typeName", $true))
            $object.RoleName = 'in-another-account'
            $object.AccountId = '999999999999'

            $errors = Invoke-Failing { $object | & $cmdlet @extra }

            $errors.Count | Should -Be 1 -Because "$pair must refuse the role once"
            $errors[0].FullyQualifiedErrorId | Should -BeLike "RoleInOtherAccount,*" -Because "$pair works in account 123456789012 only"
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].Exception.Message | Should -BeLike "*'in-another-account' is in account 999999999999*works in account 123456789012*"
        }
        (Get-Sent).action | Sort-Object -Unique | Should -Be 'GetCallerIdentity' -Because 'nothing but the question who the caller is may leave before the refusal'
    }

    It 'takes a role of the caller''s own account from the pipeline as before' {
        $name = New-TestRoleName 'ownaccount'
        $role = New-SsmHybridServiceRole -RoleName $name

        $role.AccountId | Should -Be '123456789012'
        $after = $role | Add-SsmHybridRolePolicy -Policy CloudWatchAgentServer -PassThru -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        $after.AttachedPolicies.ShortName | Sort-Object | Should -Be 'CloudWatchAgentServer', 'ManagedInstanceCore'

        # A CSV cell with spaces around the caller's own account id, and an empty one.
        $rows = "RoleName,AccountId`n$name, 123456789012 `n$name," | ConvertFrom-Csv
        $again = $rows | Add-SsmHybridRolePolicy -Policy DirectoryServiceAccess -PassThru -ErrorVariable failedRows

        $failedRows | Should -BeNullOrEmpty
        @($again).Count | Should -Be 2
        $again[-1].AttachedPolicies.ShortName | Sort-Object | Should -Be 'CloudWatchAgentServer', 'DirectoryServiceAccess', 'ManagedInstanceCore'
    }

    It 'carries a role from Get- into New- whole: description, path, session duration and tags, not the creation mark' {
        $source = New-TestRoleName 'clone'
        $made = New-SsmHybridServiceRole -RoleName $source -Path /pipe/ -Description 'cloned by pipe' -MaxSessionDuration 7200 -Tag @{ team = 'ops' }

        $clone = Get-SsmHybridServiceRole -RoleName $source | New-SsmHybridServiceRole -RoleName "$source-2"

        $clone.Path | Should -Be '/pipe/'
        $clone.Description | Should -Be 'cloned by pipe'
        $clone.MaxSessionDuration | Should -Be 7200
        $clone.Tags['team'] | Should -Be 'ops'
        $made.Tags['SsmHybridRole:CreationId'] | Should -Not -BeNullOrEmpty -Because 'New- marks the role it creates'
        $clone.Tags['SsmHybridRole:CreationId'] | Should -Not -BeNullOrEmpty -Because 'New- marks the clone it creates too'
        $clone.Tags['SsmHybridRole:CreationId'] | Should -Not -Be $made.Tags['SsmHybridRole:CreationId'] -Because "the module's mark is its own for each role"
        $setErrors = $null
        $set = @(Get-SsmHybridServiceRole -RoleName $source | Set-SsmHybridServiceRole -ErrorVariable setErrors -ErrorAction SilentlyContinue)
        $setErrors | Should -BeNullOrEmpty
        $set.Count | Should -Be 1 -Because 'Set- writes the role it converged'
        $set[0].RoleName | Should -Be $source
        $set[0].Changes | Should -BeNullOrEmpty -Because 'a role piped into Set- brings its own values'
    }
}

Describe 'Rows of a CSV bind whole' {
    It 'keeps every column, reads text as the typed parameters would, and refuses a bad cell for its row only' {
        $prefix = New-TestRoleName 'csv'
        $csv = @"
RoleName,Path,Description,MaxSessionDuration,PermissionsBoundary,Tags,Policy,PolicyArn,ActivationRegion,NoSourceCondition
$prefix-full,/csv/,Full row,7200,arn:aws:iam::aws:policy/PowerUserAccess,team=ops;env=prod,CloudWatchAgentServer;DirectoryServiceAccess,,us-east-2;eu-west-1,False
$prefix-empty,,,,,,,,,
$prefix-plain,,,,,,,,,True
$prefix-duration,,,two hours,,,,,,
$prefix-short,,,100,,,,,,
$prefix-tag,,,,,team,,,,
$prefix-switch,,,,,,,,,maybe
"@ | ConvertFrom-Csv
        Reset-IamProxyLog $Proxy

        $roles = $csv | New-SsmHybridServiceRole -ErrorVariable errors -ErrorAction SilentlyContinue
        $typed = New-SsmHybridServiceRole -RoleName "$prefix-typed" -Tag @{ team = 'ops'; env = 'prod' }

        $roles.RoleName | Should -Be "$prefix-full", "$prefix-empty", "$prefix-plain"
        $full, $empty, $plain = $roles
        $full.Path | Should -Be '/csv/'
        $full.Description | Should -Be 'Full row'
        $full.MaxSessionDuration | Should -Be 7200
        $full.PermissionsBoundary | Should -Be 'arn:aws:iam::aws:policy/PowerUserAccess'
        $full.AttachedPolicies.ShortName | Sort-Object | Should -Be 'CloudWatchAgentServer', 'DirectoryServiceAccess', 'ManagedInstanceCore'
        $full.SourceArn | Sort-Object | Should -Be 'arn:aws:ssm:eu-west-1:123456789012:*', 'arn:aws:ssm:us-east-2:123456789012:*'
        foreach ($key in 'team', 'env') { $full.Tags[$key] | Should -Be $typed.Tags[$key] -Because 'a tag cell converts as -Tag does' }
        $empty.Path | Should -Be '/' -Because 'an empty cell is a parameter not given'
        $empty.MaxSessionDuration | Should -Be 3600
        $empty.SourceArn | Should -Be 'arn:aws:ssm:us-east-2:123456789012:*'
        $plain.SourceArn | Should -BeNullOrEmpty -Because 'NoSourceCondition True makes the plain trust'
        $plain.TrustsSsm | Should -BeTrue

        $errors.Count | Should -Be 4
        $errors[0].Exception.ParameterName | Should -Be 'MaxSessionDuration'
        $errors[0].Exception.Message | Should -BeLike "*-MaxSessionDuration 'two hours' is not valid: a whole number of seconds*"
        $errors[1].FullyQualifiedErrorId | Should -Be 'InvalidMaxSessionDuration,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[2].FullyQualifiedErrorId | Should -Be 'InvalidTagValue,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[3].Exception.ParameterName | Should -Be 'NoSourceCondition'
        (Get-Sent | Where-Object action -eq 'CreateRole').role | Sort-Object | Should -Be (@($roles.RoleName) + "$prefix-typed" | Sort-Object) -Because 'a refused row sends nothing'
    }

    It 'keeps a description that an empty cell leaves out, and clears it only when -Description '''' is typed' {
        $name = New-TestRoleName 'keepdesc'
        $null = New-SsmHybridServiceRole -RoleName $name -Description 'keep me'

        $kept = "RoleName,Description`n$name," | ConvertFrom-Csv | Set-SsmHybridServiceRole
        $cleared = Set-SsmHybridServiceRole -RoleName $name -Description ''

        @($kept).Count | Should -Be 1
        $kept.Description | Should -Be 'keep me'
        $kept.Changes | Where-Object Summary -like 'Set the description*' | Should -BeNullOrEmpty
        $cleared.Description | Should -BeNullOrEmpty
        (Get-SsmHybridServiceRole -RoleName $name).Description | Should -BeNullOrEmpty
    }

    It 'refuses a row without a RoleName, rather than sending it to the default role' {
        Reset-IamProxyLog $Proxy

        $errors = Invoke-Failing { [pscustomobject]@{ Description = 'no name' } | Set-SsmHybridServiceRole }

        $errors[0].Exception.ParameterName | Should -Be 'RoleName'
        $errors[0].Exception.Message | Should -BeLike '*RoleName property of a piped object*'
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'refuses a trust policy of one''s own together with the parameters of the built one, before any request' {
        Reset-IamProxyLog $Proxy
        $trust = New-SsmHybridTrustPolicy -SourceAccountId 123456789012 -ActivationRegion us-east-2

        $errors = Invoke-Failing { New-SsmHybridServiceRole -RoleName (New-TestRoleName 'conflict') -AssumeRolePolicyDocument $trust -SourceAccountId 123456789012 }

        $errors[0].FullyQualifiedErrorId | Should -Be 'ConflictingTrustParameters,SsmHybridRole.Commands.NewSsmHybridServiceRoleCommand'
        $errors[0].Exception.Message | Should -BeLike '*-AssumeRolePolicyDocument brings a trust policy of its own*'
        Get-Sent | Should -BeNullOrEmpty
    }
}
