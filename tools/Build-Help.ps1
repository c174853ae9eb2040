<#
.SYNOPSIS
    Turns the markdown help in docs/help into MAML (en-US/SsmHybridRole.dll-Help.xml) and the about topic,
    and fails when a cmdlet, a parameter or an example is missing.
.DESCRIPTION
    platyPS is not available here, so this is our own small step. Each cmdlet has docs/help/<Name>.md with
    the sections SYNOPSIS, DESCRIPTION, EXAMPLES (### headings, a ```powershell block, then remarks),
    PARAMETERS (### -Name headings), INPUTS, OUTPUTS and NOTES. The connection parameters that every AWS
    cmdlet shares are written once, in docs/help/ConnectionParameters.md. The cmdlets' real parameters
    (types, positions, pipeline input, sets) come from the built module itself, so the help cannot drift
    from the code.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SourcePath
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$module = Get-Module SsmHybridRole
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

function Read-HelpMarkdown([string] $Path) {
    $doc = @{ Sections = [ordered]@{}; Examples = [System.Collections.Generic.List[object]]::new(); Parameters = @{} }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $text = ($buffer -join "`n").Trim()
        if ($section -eq 'EXAMPLES' -and $sub) {
            $code = if ($text -match '(?s)```powershell\s*\n(.*?)\n```') { $Matches[1].Trim() } else { '' }
            $remarks = ($text -replace '(?s)```powershell.*?```', '').Trim()
            $doc.Examples.Add([pscustomobject]@{ Title = $sub; Code = $code; Remarks = $remarks })
        }
        elseif ($section -eq 'PARAMETERS' -and $sub) { $doc.Parameters[$sub.TrimStart('-')] = $text }
        elseif ($section -and -not $sub) { $doc.Sections[$section] = $text }
        $buffer.Clear()
    }
    foreach ($line in Get-Content $Path) {
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim(); $sub = $null; continue }
        if ($line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if ($line -match '^# ') { continue }
        $buffer.Add($line)
    }
    & $flush
    $doc
}

function Add-Paragraphs([System.Xml.XmlWriter] $Writer, [string] $Text) {
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($para in ($Text -split "\n\s*\n")) {
        $Writer.WriteElementString('maml', 'para', $maml, (($para -split "\n" | ForEach-Object { $_.Trim() }) -join ' '))
    }
    $Writer.WriteEndElement()
}

# int? reads as Int32 in help, as in the SDK's own.
function Get-TypeName([type] $Type) {
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $inner.Name } else { $Type.Name }
}

function Get-PipelineInput($Parameter) {
    $kinds = @($Parameter.ParameterSets.Values | ForEach-Object {
        if ($_.ValueFromPipeline) { 'ByValue' }
        if ($_.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
    } | Select-Object -Unique)
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

$connection = Read-HelpMarkdown (Join-Path $SourcePath 'ConnectionParameters.md')
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$outDir = New-Item -ItemType Directory -Force (Join-Path $module.ModuleBase 'en-US')
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create((Join-Path $outDir 'SsmHybridRole.dll-Help.xml'), $settings)
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

foreach ($cmdlet in Get-Command -Module SsmHybridRole -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $SourcePath "$($cmdlet.Name).md"
    if (-not (Test-Path $file)) { $problems.Add("$($cmdlet.Name): no help file $file"); continue }
    $doc = Read-HelpMarkdown $file
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION') {
        if (-not $doc.Sections[$required]) { $problems.Add("$($cmdlet.Name): no $required") }
    }
    if ($doc.Examples.Count -lt 2) { $problems.Add("$($cmdlet.Name): $($doc.Examples.Count) example(s); at least 2 are needed") }
    $doc.Examples | Where-Object { -not $_.Code } | ForEach-Object { $problems.Add("$($cmdlet.Name): example '$($_.Title)' has no code") }
    $parameters = $cmdlet.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object { $p = $_.ParameterSets.Values.Position | Where-Object { $_ -ge 0 } | Select-Object -First 1; if ($null -ne $p) { $p } else { 100 } }, Name
    foreach ($parameter in $parameters) {
        $text = if ($doc.Parameters.ContainsKey($parameter.Name)) { $doc.Parameters[$parameter.Name] } else { $connection.Parameters[$parameter.Name] }
        if (-not $text) { $problems.Add("$($cmdlet.Name): parameter -$($parameter.Name) has no help") }
    }
    foreach ($documented in $doc.Parameters.Keys) {
        if ($documented -notin $parameters.Name) { $problems.Add("$($cmdlet.Name): help describes -$documented, which the cmdlet does not have") }
    }

    $writer.WriteStartElement('command', 'command', $command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $writer.WriteStartElement('command', 'details', $command)
    $writer.WriteElementString('command', 'name', $command, $cmdlet.Name)
    Add-Paragraphs $writer "$($doc.Sections['SYNOPSIS'])"
    $writer.WriteElementString('command', 'verb', $command, $cmdlet.Verb)
    $writer.WriteElementString('command', 'noun', $command, $cmdlet.Noun)
    $writer.WriteEndElement()
    Add-Paragraphs $writer "$($doc.Sections['DESCRIPTION'])"

    $writer.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmdlet.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $command)
        $writer.WriteElementString('maml', 'name', $maml, $cmdlet.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $writer.WriteStartElement('command', 'parameter', $command)
            $writer.WriteAttributeString('required', "$($p.IsMandatory)".ToLowerInvariant())
            $writer.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            $writer.WriteElementString('maml', 'name', $maml, $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $writer.WriteElementString('command', 'parameterValue', $command, (Get-TypeName $p.ParameterType))
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $command)
    foreach ($parameter in $parameters) {
        $text = if ($doc.Parameters.ContainsKey($parameter.Name)) { $doc.Parameters[$parameter.Name] } else { "$($connection.Parameters[$parameter.Name])" }
        $positions = @($parameter.ParameterSets.Values.Position | Where-Object { $_ -ge 0 } | Select-Object -Unique)
        $writer.WriteStartElement('command', 'parameter', $command)
        $writer.WriteAttributeString('required', "$(@($parameter.ParameterSets.Values.IsMandatory) -contains $true)".ToLowerInvariant())
        $writer.WriteAttributeString('globbing', "$($parameter.Attributes.TypeId.Name -contains 'SupportsWildcardsAttribute')".ToLowerInvariant())
        $writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $parameter))
        $writer.WriteAttributeString('position', $(if ($positions.Count) { "$($positions[0])" } else { 'named' }))
        $writer.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
        $writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
        Add-Paragraphs $writer $text
        $writer.WriteElementString('command', 'parameterValue', $command, (Get-TypeName $parameter.ParameterType))
        $writer.WriteStartElement('dev', 'type', $dev)
        $writer.WriteElementString('maml', 'name', $maml, $parameter.ParameterType.FullName)
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    foreach ($kind in @(@{ Section = 'INPUTS'; Outer = 'inputTypes'; Inner = 'inputType' }, @{ Section = 'OUTPUTS'; Outer = 'returnValues'; Inner = 'returnValue' })) {
        if (-not $doc.Sections[$kind.Section]) { continue }
        $writer.WriteStartElement('command', $kind.Outer, $command)
        $writer.WriteStartElement('command', $kind.Inner, $command)
        $writer.WriteStartElement('dev', 'type', $dev)
        $writer.WriteElementString('maml', 'name', $maml, (($doc.Sections[$kind.Section] -split "\n")[0]).Trim())
        $writer.WriteEndElement()
        Add-Paragraphs $writer ((($doc.Sections[$kind.Section] -split "\n") | Select-Object -Skip 1) -join "`n")
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    if ($doc.Sections['NOTES']) {
        $writer.WriteStartElement('maml', 'alertSet', $maml)
        $writer.WriteStartElement('maml', 'alert', $maml)
        foreach ($para in ($doc.Sections['NOTES'] -split "\n\s*\n")) { $writer.WriteElementString('maml', 'para', $maml, $para.Trim()) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $command)
    $number = 0
    foreach ($example in $doc.Examples) {
        $number++
        $writer.WriteStartElement('command', 'example', $command)
        $writer.WriteElementString('maml', 'title', $maml, "-------------------------- Example ${number}: $($example.Title) --------------------------")
        $writer.WriteElementString('dev', 'code', $dev, $example.Code)
        $writer.WriteStartElement('dev', 'remarks', $dev)
        foreach ($para in ($example.Remarks -split "\n\s*\n")) { $writer.WriteElementString('maml', 'para', $maml, $para.Trim()) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $command)
    $writer.WriteStartElement('maml', 'navigationLink', $maml)
    $writer.WriteElementString('maml', 'linkText', $maml, 'about_SsmHybridRole')
    $writer.WriteEndElement()
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}

$writer.WriteEndElement()
$writer.Dispose()
Copy-Item (Join-Path $SourcePath 'about_SsmHybridRole.help.txt') $outDir

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "help: $_" -ForegroundColor Red }
    throw "The help is incomplete ($($problems.Count) problem(s)); see docs/help."
}
Write-Host "Help for $(@(Get-Command -Module SsmHybridRole).Count) cmdlets written to $outDir"
