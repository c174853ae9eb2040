# Every view of the module, and what Export-Csv makes of each of its columns (table) and items (list). The columns
# come from the format data, so a new view or column gets a case here without being listed.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../module/SsmHybridRole') -Force
    $Columns = foreach ($definition in Get-FormatData -TypeName 'SsmHybridRole.*') {
        foreach ($view in $definition.FormatViewDefinition) {
            $labels, $kind = if ($view.Control -is [System.Management.Automation.TableControl]) { @($view.Control.Headers.Label), 'table column' }
            else { @($view.Control.Entries[0].Items | ForEach-Object { if ($_.Label) { $_.Label } else { $_.DisplayEntry.Value } }), 'list item' }
            foreach ($label in $labels) { @{ View = $view.Name; Kind = $kind; Label = $label; Note = ''; FromCell = $null; Expect = 'Text' } }
        }
    }
    # A column the view formats from a property, whose CSV cell holds the same value in the property's own text:
    # the view's text is made from the cell, and the title says so.
    foreach ($case in $Columns | Where-Object { $_.View -eq 'SsmHybridRole.HybridConnectivityResult' -and $_.Label -eq 'ClockSkew' }) {
        $case.Note = ' (as the same duration: the CSV has the TimeSpan, the view its seconds)'
        $case.FromCell = { param($Cell) if ($Cell) { '{0:0} s' -f ([timespan]$Cell).TotalSeconds } else { '' } }
    }
    # The list view of a role shows collections, one line per element: a CSV cell cannot hold them as text (Export-Csv
    # writes a collection's type name), so these are proved to be properties that Select-Object keeps whole; a report
    # takes the table view's text columns (Policies, Condition) instead.
    foreach ($case in $Columns | Where-Object { $_.View -eq 'SsmHybridRole.HybridServiceRole.List' -and $_.Label -in 'AttachedPolicies', 'SourceAccount', 'SourceArn', 'Changes', 'Tags' }) {
        $case.Note = ' (a collection: kept whole by Select-Object, not text for Export-Csv)'
        $case.Expect = 'Collection'
    }
    # The activation code: the view masks it, and the CSV must not hold it either.
    foreach ($case in $Columns | Where-Object { $_.View -eq 'SsmHybridRole.HybridActivation' -and $_.Label -eq 'ActivationCode' }) {
        $case.Note = ' (masked: the CSV never holds the code)'
        $case.Expect = 'Secret'
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $PSDefaultParameterValues['*-SsmHybrid*:EndpointUrl'] = $Endpoint

    # Real objects of every type a view is for: the role cmdlets' from moto, SSM's and the connectivity check's
    # made directly (activations as the module makes them, through their internal constructor).
    $name = New-TestRoleName 'views'
    $role = New-SsmHybridServiceRole -RoleName $name -Policy CloudWatchAgentServer -ActivationRegion us-east-2
    $plain = New-SsmHybridServiceRole -RoleName "$name-plain" -NoSourceCondition -PermissionsBoundary arn:aws:iam::aws:policy/PowerUserAccess
    $changed = Set-SsmHybridServiceRole -RoleName $name -Description 'viewed'
    $activation = [SsmHybridRole.HybridActivation].GetConstructor([Reflection.BindingFlags]'NonPublic, Instance', $null, [type[]]@([string]), $null).Invoke(@('Zq7-views-activation-code'))
    foreach ($pair in @{ ActivationId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'; Region = 'us-east-2'; IamRole = $name; RegistrationLimit = 10; RegistrationsCount = 7; ExpirationDate = [datetime]'2030-12-05T09:00:00' }.GetEnumerator()) {
        [SsmHybridRole.HybridActivation].GetProperty($pair.Key).SetValue($activation, $pair.Value)
    }
    $connectivity = [SsmHybridRole.HybridConnectivityResult]@{
        Region = 'us-east-2'; ClockSkew = [timespan]::FromSeconds(3)
        Findings = @([SsmHybridRole.HybridConnectivityFinding]@{ Endpoint = 'ssm'; Check = 'Tls'; Status = 'Warning'; Message = 'slow handshake' }, [SsmHybridRole.HybridConnectivityFinding]@{ Endpoint = 'ssm'; Check = 'Dns'; Status = 'Fail'; Message = 'no address' })
    }
    $script:Objects = @{
        HybridServiceRole         = @($role, $plain, $changed)
        HybridRolePolicy          = @($role.AttachedPolicies)
        HybridS3BucketPolicy      = @(New-SsmHybridS3BucketPolicy -PolicyName "$name-s3" -OutputBucket my-output-bucket)
        HybridRoleTestResult      = @(Test-SsmHybridServiceRole -RoleName $name, "$name-plain" -ActivationRegion us-east-2, eu-west-1)
        HybridRoleFinding         = @((Test-SsmHybridServiceRole -RoleName $name -ActivationRegion eu-west-1).Findings)
        HybridRoleChange          = @($changed.Changes)
        HybridActivation          = @($activation)
        HybridManagedNode         = @([SsmHybridRole.HybridManagedNode]@{ InstanceId = 'mi-0123456789abcdef0'; ComputerName = 'server'; PingStatus = 'Online'; PlatformName = 'Ubuntu'; PlatformVersion = '22.04'; AgentVersion = '3.3.0'; Region = 'us-east-2'; IamRole = $name })
        HybridInstanceTier        = @([SsmHybridRole.HybridInstanceTier]@{ Region = 'us-east-2'; Tier = 'Advanced'; Status = 'Customized'; LastModifiedDate = [datetime]'2026-01-02T03:04:05'; LastModifiedUser = 'admin' })
        HybridConnectivityResult  = @($connectivity)
        HybridConnectivityFinding = @($connectivity.Findings)
    }

    # What one column or list item of a view shows for an object: its property, or its script block's result.
    function Get-Shown($Entry, $Object) {
        if ($Entry.ValueType -eq 'Property') { $Object.($Entry.Value) } else { $Object | ForEach-Object ([scriptblock]::Create($Entry.Value)) }
    }

    # Each view of the module: its type, and its columns (or list items) as label and display entry.
    $script:Views = foreach ($definition in Get-FormatData -TypeName 'SsmHybridRole.*') {
        foreach ($view in $definition.FormatViewDefinition) {
            $columns = if ($view.Control -is [System.Management.Automation.TableControl]) {
                for ($i = 0; $i -lt $view.Control.Headers.Count; $i++) { [pscustomobject]@{ Label = $view.Control.Headers[$i].Label; Entry = $view.Control.Rows[0].Columns[$i].DisplayEntry } }
            }
            else {
                foreach ($item in $view.Control.Entries[0].Items) { [pscustomobject]@{ Label = $(if ($item.Label) { $item.Label } else { $item.DisplayEntry.Value }); Entry = $item.DisplayEntry; When = $item.ItemSelectionCondition } }
            }
            @{ View = $view.Name; Type = $definition.TypeNames[0] -replace '^SsmHybridRole\.', ''; Columns = @($columns) }
        }
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-SsmHybrid*:EndpointUrl')
}

Describe 'What a view shows, the object has' {
    It 'gives every column and list item of every view a property of the same name' {
        $Views.Count | Should -BeGreaterThan 10
        foreach ($view in $Views) {
            $items = $Objects[$view.Type]
            $items.Count | Should -BeGreaterThan 0 -Because "the test needs real objects for the view $($view.View)"
            foreach ($column in $view.Columns) {
                $items[0].PSObject.Properties.Name | Should -Contain $column.Label -Because "the view $($view.View) shows a column $($column.Label)"
            }
        }
    }

    It 'keeps, for the <Kind> <Label> of <View>, what the view shows in Export-Csv''s text<Note>' -ForEach $Columns {
        $definition = $Views | Where-Object View -eq $View
        $column = $definition.Columns | Where-Object Label -eq $Label
        $items = @($Objects[$definition.Type])
        $file = Join-Path ([IO.Path]::GetTempPath()) "view-$PID-$View.csv"
        $items | Export-Csv -Path $file -NoTypeInformation
        $rows = @(Import-Csv -Path $file)
        Remove-Item $file
        $rows.Count | Should -Be $items.Count
        if ($Expect -eq 'Collection') {
            $kept = @($items | Select-Object -Property $Label)
            for ($i = 0; $i -lt $items.Count; $i++) {
                if ($null -eq $items[$i].$Label) { $kept[$i].$Label | Should -BeNullOrEmpty; continue }
                , $items[$i].$Label | Should -BeOfType [System.Collections.IEnumerable]
                @($kept[$i].$Label).Count | Should -Be @($items[$i].$Label).Count
            }
            @($items | Where-Object { @($_.$Label).Count -gt 0 }).Count | Should -BeGreaterThan 0 -Because "the objects must hold something in $Label, or the comparison proves nothing"
            return
        }
        if ($Expect -eq 'Secret') {
            $rows.$Label | Should -Not -BeNullOrEmpty
            $rows.$Label | ForEach-Object { $_ | Should -Not -BeLike '*Zq7-views-activation-code*' }
            return
        }

        $shownTexts = @(); $differences = @()
        for ($i = 0; $i -lt $items.Count; $i++) {
            if ($column.When -and -not (Get-Shown $column.When $items[$i])) { continue }  # the view does not show it for this object
            $value = Get-Shown $column.Entry $items[$i]
            ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) | Should -BeFalse -Because "the view shows one text per object in $Label"
            $shown = "$value"
            $cell = $rows[$i].$Label
            $asShown = if ($FromCell) { & $FromCell $cell } else { $cell }
            $shownTexts += $shown
            if ($asShown -cne $shown) {
                $differences += "object $i shows '$shown', the CSV has '$cell'"
            }
        }

        @($shownTexts | Where-Object Length -gt 0).Count | Should -BeGreaterThan 0 -Because "the objects must make the view show something in $Label, or the comparison proves nothing"
        $differences | Should -BeNullOrEmpty
    }

    It 'fills the summary columns of test results from the findings' {
        $failed, $warned = $Objects.HybridRoleTestResult
        $failed.Fail | Should -Be 1
        $failed.FirstProblem | Should -BeLike 'aws:SourceArn does not cover the activation Region(s) eu-west-1*'
        $warned.Warn | Should -BeGreaterThan 0
        $warned.FirstProblem | Should -BeLike 'The trust has no aws:SourceAccount*'
        $Objects.HybridServiceRole.Condition | Should -Be 'Source', 'None', 'Source'
        $Objects.HybridServiceRole[0].Policies | Should -Be 'ManagedInstanceCore, CloudWatchAgentServer'
        $Objects.HybridConnectivityResult[0].FirstProblem | Should -Be 'no address' -Because 'a failure comes before a warning'
    }

    It 'keeps the view''s columns of an activation through serialization, without its code' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "activation-$PID.xml"
        $Objects.HybridActivation | Export-Clixml -Path $file
        $read = Import-Clixml -Path $file
        Remove-Item $file

        $read.Used | Should -Be '7/10'
        $read.Expires | Should -Be '2030-12-05 09:00'
        $read.PSObject.Properties.Name | Should -Not -Contain 'ActivationCode'
    }
}
