<#
.SYNOPSIS
    Builds the MAML help of the AnimationTools cmdlets from the pages in docs/.
.DESCRIPTION
    Imports the module (../AnimationTools.psd1), reads docs/<Verb-Noun>.md for every exported cmdlet and writes one
    MAML file (helpItems / command:command), the format Get-Help reads for the cmdlets of a binary module.

    The prose comes from the pages: synopsis, description, parameter descriptions, inputs, outputs, notes, examples and
    related links. Everything the code already knows comes from the cmdlet metadata, so it cannot drift from the code:
    syntax per parameter set, parameter types, positions, required flags, pipeline binding, aliases, wildcard support,
    accepted values, default values and output types.

    Fails, naming every problem, when an exported cmdlet has no page, a page has fewer than two examples, a parameter
    has no description (or the page describes one the cmdlet lacks), the page's OUTPUTS differ from [OutputType], or
    the cmdlet's HelpUri is not its page in the repository (<ProjectUri>/blob/main/docs/<Verb-Noun>.md), which is
    written as the first related link, "Online Version:", as Get-Help -Online expects.
    The same module and pages always give a byte-identical file (UTF-8 without BOM, LF line ends).

    Page format (platyPS-like):
        # Verb-Noun
        ## SYNOPSIS            one sentence
        ## DESCRIPTION         paragraphs
        ## EXAMPLES            ### Example 1: Title, one ```powershell block, then explanation paragraphs
        ## PARAMETERS          ### -Name, then its description
        ## INPUTS              ### Type name, then a description
        ## OUTPUTS             ### Type name (as in [OutputType], or None), then a description
        ## NOTES               paragraphs
        ## RELATED LINKS       - [Text](url)

.EXAMPLE
    ./module/New-MamlHelp.ps1
.EXAMPLE
    ./module/New-MamlHelp.ps1 -DocsPath ./docs -OutputPath ./module/en-US/AnimationTools.dll-Help.xml
#>
[CmdletBinding()]
param(
    # Folder of the <Verb-Noun>.md pages.
    [string] $DocsPath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'docs'),

    # The MAML file to write.
    [string] $OutputPath = [System.IO.Path]::Combine($PSScriptRoot, 'en-US', 'AnimationTools.dll-Help.xml')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$nsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$nsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$nsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$nsMSHelp = 'http://msdn.microsoft.com/mshelp'
$invariant = [System.Globalization.CultureInfo]::InvariantCulture
$commonParameters = [System.Collections.Generic.HashSet[string]]::new([string[]][System.Management.Automation.Cmdlet]::CommonParameters, [StringComparer]::OrdinalIgnoreCase)
$pageSections = @('SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$sectionsWithEntries = @('EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS')

#region Reading the pages

# Markdown that reads badly in a console: `code`, **bold**, [text](link).
function ConvertTo-PlainText([string] $Text) {
    $Text = [regex]::Replace($Text, '`([^`]+)`', '$1')
    $Text = [regex]::Replace($Text, '\*\*([^*]+)\*\*', '$1')
    [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', '$1')
}

# Paragraphs of a block of lines: blank lines separate them, list items start a new one, code blocks stay verbatim.
function ConvertTo-Paragraph([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $code = $null
    foreach ($line in $Lines) {
        if ($null -ne $code) {
            if ($line.TrimStart().StartsWith('```')) {
                $paragraphs.Add(($code -join "`n"))
                $code = $null
            }
            else {
                $code.Add($line)
            }
            continue
        }
        $trimmed = $line.Trim()
        $startsBlock = $trimmed.StartsWith('```')
        $startsItem = $trimmed -match '^([-*]|\d+\.)\s'
        if ($trimmed.Length -eq 0 -or $startsBlock -or $startsItem) {
            if ($current.Count -gt 0) {
                $paragraphs.Add((ConvertTo-PlainText ($current -join ' ')))
                $current.Clear()
            }
        }
        if ($startsBlock) {
            $code = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($trimmed.Length -gt 0) {
            $current.Add($trimmed)
        }
    }
    if ($current.Count -gt 0) {
        $paragraphs.Add((ConvertTo-PlainText ($current -join ' ')))
    }
    if ($null -ne $code) {
        $paragraphs.Add(($code -join "`n"))
    }
    , $paragraphs.ToArray()
}

# Splits a page into its sections (## NAME) and, where sections hold entries, into entries (### Title).
function Split-HelpPage([string] $Path, [string] $Name, [System.Collections.Generic.List[string]] $Problems) {
    $text = [System.IO.File]::ReadAllText($Path).Replace("`r`n", "`n").Replace("`r", "`n")
    $lines = $text.Split("`n")
    if ($lines[0].Trim() -cne "# $Name") {
        $Problems.Add("${Path}: the first line must be '# $Name'.")
    }
    $sections = [ordered]@{}
    $section = $null
    $entry = $null
    $inCode = $false
    for ($i = 1; $i -lt $lines.Length; $i++) {
        $line = $lines[$i]
        if ($line.TrimStart().StartsWith('```')) {
            $inCode = -not $inCode
        }
        elseif (-not $inCode -and $line -match '^##\s+(.+?)\s*$' -and $line -notmatch '^###') {
            $title = $Matches[1].ToUpperInvariant()
            if ($pageSections -notcontains $title) {
                $Problems.Add("${Path}: unknown section '## $($Matches[1])' (expected $($pageSections -join ', ')).")
            }
            if ($sections.Contains($title)) {
                $Problems.Add("${Path}: section '## $title' appears twice.")
            }
            $section = [pscustomobject]@{ Lines = [System.Collections.Generic.List[string]]::new(); Entries = [System.Collections.Generic.List[object]]::new() }
            $sections[$title] = $section
            $entry = $null
            continue
        }
        elseif (-not $inCode -and $null -ne $section -and $line -match '^###\s+(.+?)\s*$') {
            $entry = [pscustomobject]@{ Title = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() }
            $section.Entries.Add($entry)
            continue
        }
        if ($null -ne $entry) {
            $entry.Lines.Add($line)
        }
        elseif ($null -ne $section) {
            $section.Lines.Add($line)
        }
        elseif ($line.Trim().Length -gt 0) {
            $Problems.Add("${Path}: text before the first section: '$line'.")
        }
    }
    foreach ($title in $sectionsWithEntries) {
        if ($sections.Contains($title)) {
            $loose = ConvertTo-Paragraph $sections[$title].Lines
            if ($loose.Length -gt 0) {
                $Problems.Add("${Path}: section '## $title' has text outside its '###' entries: '$($loose[0])'.")
            }
        }
    }
    $sections
}

function Read-Example([string] $Path, [object] $Entry, [System.Collections.Generic.List[string]] $Problems) {
    $code = $null
    $before = [System.Collections.Generic.List[string]]::new()
    $after = [System.Collections.Generic.List[string]]::new()
    $inCode = $false
    foreach ($line in $Entry.Lines) {
        if ($line.TrimStart().StartsWith('```')) {
            if ($inCode) {
                $inCode = $false
            }
            elseif ($null -eq $code) {
                $inCode = $true
                $code = [System.Collections.Generic.List[string]]::new()
            }
            else {
                $Problems.Add("${Path}: '$($Entry.Title)' has more than one code block.")
            }
            continue
        }
        if ($inCode) { $code.Add($line) }
        elseif ($null -eq $code) { $before.Add($line) }
        else { $after.Add($line) }
    }
    if ($Entry.Title -notmatch '^Example \d+:\s*\S') {
        $Problems.Add("${Path}: example title '$($Entry.Title)' must read 'Example <n>: <title>'.")
    }
    if ($null -eq $code -or $code.Count -eq 0) {
        $Problems.Add("${Path}: '$($Entry.Title)' has no code block.")
        $code = [System.Collections.Generic.List[string]]::new()
    }
    if ((ConvertTo-Paragraph $before).Length -gt 0) {
        $Problems.Add("${Path}: '$($Entry.Title)' has text before its code; put the explanation after the code block.")
    }
    $remarks = ConvertTo-Paragraph $after
    if ($remarks.Length -eq 0) {
        $Problems.Add("${Path}: '$($Entry.Title)' has no explanation after its code.")
    }
    [pscustomobject]@{ Title = $Entry.Title; Code = ($code -join "`n").Trim("`n"); Remarks = $remarks }
}

function Read-HelpPage([string] $Path, [string] $Name, [System.Collections.Generic.List[string]] $Problems) {
    $sections = Split-HelpPage $Path $Name $Problems
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'OUTPUTS') {
        if (-not $sections.Contains($required)) {
            $Problems.Add("${Path}: the section '## $required' is missing.")
        }
    }
    function Get-Lines([string] $Title) { if ($sections.Contains($Title)) { $sections[$Title].Lines } else { @() } }
    function Get-Entries([string] $Title) { if ($sections.Contains($Title)) { $sections[$Title].Entries } else { @() } }

    $synopsis = ConvertTo-Paragraph (Get-Lines 'SYNOPSIS')
    if ($synopsis.Length -ne 1) {
        $Problems.Add("${Path}: the synopsis must be one paragraph (it has $($synopsis.Length)).")
    }
    $description = ConvertTo-Paragraph (Get-Lines 'DESCRIPTION')
    if ($description.Length -eq 0) {
        $Problems.Add("${Path}: the description is empty.")
    }

    $examples = @(foreach ($entry in (Get-Entries 'EXAMPLES')) { Read-Example $Path $entry $Problems })
    if ($examples.Length -lt 2) {
        $Problems.Add("${Path}: $($examples.Length) example(s); every cmdlet needs at least two.")
    }

    $parameters = [ordered]@{}
    foreach ($entry in (Get-Entries 'PARAMETERS')) {
        if ($entry.Title -notmatch '^-(\w+)$') {
            $Problems.Add("${Path}: parameter heading '### $($entry.Title)' must read '### -Name'.")
            continue
        }
        $parameterName = $Matches[1]
        if ($parameters.Contains($parameterName)) {
            $Problems.Add("${Path}: the parameter -$parameterName is described twice.")
            continue
        }
        $parameters[$parameterName] = ConvertTo-Paragraph $entry.Lines
    }

    $typed = {
        param([string] $Title)
        @(foreach ($entry in (Get-Entries $Title)) { [pscustomobject]@{ Type = $entry.Title; Description = (ConvertTo-Paragraph $entry.Lines) } })
    }

    $links = [System.Collections.Generic.List[object]]::new()
    foreach ($line in (Get-Lines 'RELATED LINKS')) {
        $trimmed = $line.Trim()
        if ($trimmed.Length -eq 0) { continue }
        if ($trimmed -match '^(?:[-*]\s+)?\[([^\]]+)\]\(([^)]*)\)$') {
            $uri = $Matches[2]
            if ($uri -notmatch '^https?://') { $uri = '' }
            $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $uri })
        }
        else {
            $Problems.Add("${Path}: related link '$trimmed' must read '- [Text](url)'.")
        }
    }

    [pscustomobject]@{
        Synopsis    = if ($synopsis.Length -gt 0) { $synopsis[0] } else { '' }
        Description = $description
        Examples    = $examples
        Parameters  = $parameters
        Inputs      = [object[]]@(& $typed 'INPUTS')
        Outputs     = [object[]]@(& $typed 'OUTPUTS')
        Notes       = ConvertTo-Paragraph (Get-Lines 'NOTES')
        Links       = $links.ToArray()
    }
}

#endregion

#region Reading the cmdlet metadata

function Get-FriendlyTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return Get-FriendlyTypeName $Type.GetGenericArguments()[0] }
    $Type.Name
}

function Format-DefaultValue([object] $Value, [type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) {
        if ($null -ne $Value -and $Value.IsPresent) { return 'True' }
        return 'False'
    }
    if ($null -eq $Value) { return 'None' }
    # An unset number means "not sent" in these cmdlets, not zero.
    if ($Type.IsValueType -and $Value.Equals([Activator]::CreateInstance($Type))) { return 'None' }
    if ($Value -is [System.Array]) {
        if ($Value.Length -eq 0) { return 'None' }
        return (@(foreach ($item in $Value) { Format-DefaultValue $item $Type.GetElementType() }) -join ', ')
    }
    if ($Value -is [System.IFormattable]) { return $Value.ToString($null, $invariant) }
    [string] $Value
}

# Default values as a fresh cmdlet object has them (property initializers).
function Get-DefaultValue([System.Management.Automation.CmdletInfo] $Command) {
    $defaults = @{}
    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    try {
        foreach ($parameter in $Command.Parameters.Values) {
            $property = $Command.ImplementingType.GetProperty($parameter.Name)
            $value = if ($null -ne $property -and $property.CanRead) { $property.GetValue($instance) } else { $null }
            $defaults[$parameter.Name] = Format-DefaultValue $value $parameter.ParameterType
        }
    }
    finally {
        if ($instance -is [System.IDisposable]) { $instance.Dispose() }
    }
    $defaults
}

function Get-PipelineInput([object[]] $Parameters) {
    $byValue = @($Parameters | Where-Object { $_.ValueFromPipeline }).Length -gt 0
    $byName = @($Parameters | Where-Object { $_.ValueFromPipelineByPropertyName }).Length -gt 0
    if ($byValue -and $byName) { return 'True (ByPropertyName, ByValue)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

function Get-Position([System.Management.Automation.CommandParameterInfo] $Parameter) {
    if ($Parameter.Position -lt 0) { return 'named' }
    $Parameter.Position.ToString($invariant)
}

function Get-ParameterFact([System.Management.Automation.CommandParameterInfo] $Parameter) {
    $validateSet = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
    $validValues = [string[]]@()
    if ($validateSet.Length -gt 0) { $validValues = [string[]]$validateSet[0].ValidValues }
    [pscustomobject]@{
        Aliases     = if ($Parameter.Aliases.Count -gt 0) { $Parameter.Aliases -join ', ' } else { 'none' }
        Globbing    = (@($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Length -gt 0).ToString().ToLowerInvariant()
        IsSwitch    = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
        IsArray     = $Parameter.ParameterType.IsArray
        TypeName    = Get-FriendlyTypeName $Parameter.ParameterType
        FullType    = $Parameter.ParameterType.FullName
        ValidValues = $validValues
    }
}

#endregion

#region Writing MAML

function Write-Paragraph([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    foreach ($paragraph in $Paragraphs) {
        $Writer.WriteElementString('maml', 'para', $nsMaml, $paragraph)
    }
}

function Write-Description([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $nsMaml)
    Write-Paragraph $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Write-DevType([System.Xml.XmlWriter] $Writer, [string] $Name) {
    $Writer.WriteStartElement('dev', 'type', $nsDev)
    $Writer.WriteElementString('maml', 'name', $nsMaml, $Name)
    $Writer.WriteElementString('maml', 'uri', $nsMaml, '')
    $Writer.WriteEndElement()
}

function Write-Parameter {
    param(
        [System.Xml.XmlWriter] $Writer,
        [string] $Name,
        [string] $Required,
        [string] $Position,
        [string] $PipelineInput,
        [object] $Fact,
        [string[]] $Description,
        [string] $DefaultValue,
        [switch] $InSyntax
    )
    $Writer.WriteStartElement('command', 'parameter', $nsCommand)
    $Writer.WriteAttributeString('required', $Required)
    $Writer.WriteAttributeString('variableLength', $Fact.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Fact.Globbing)
    $Writer.WriteAttributeString('pipelineInput', $PipelineInput)
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $Fact.Aliases)
    $Writer.WriteElementString('maml', 'name', $nsMaml, $Name)
    # Get-Help shows descriptions from command:parameters only; repeating them per parameter set would only add bulk.
    if (-not $InSyntax) {
        Write-Description $Writer $Description
    }
    if ($InSyntax -and $Fact.ValidValues.Length -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $nsCommand)
        foreach ($value in $Fact.ValidValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $nsCommand)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $nsCommand, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    # A switch shows as [-Name] in the syntax, without a value.
    if (-not ($InSyntax -and ($Fact.IsSwitch -or $Fact.ValidValues.Length -gt 0))) {
        $Writer.WriteStartElement('command', 'parameterValue', $nsCommand)
        $Writer.WriteAttributeString('required', (-not $Fact.IsSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $Fact.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString($Fact.TypeName)
        $Writer.WriteEndElement()
    }
    Write-DevType $Writer $Fact.FullType
    $Writer.WriteElementString('dev', 'defaultValue', $nsDev, $DefaultValue)
    $Writer.WriteEndElement()
}

function Write-CommandHelp([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CmdletInfo] $Command, [object] $Page, [hashtable] $Defaults) {
    $Writer.WriteStartElement('command', 'command', $nsCommand)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $nsMaml)
    $Writer.WriteAttributeString('xmlns', 'command', $null, $nsCommand)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $nsDev)
    $Writer.WriteAttributeString('xmlns', 'MSHelp', $null, $nsMSHelp)

    $Writer.WriteStartElement('command', 'details', $nsCommand)
    $Writer.WriteElementString('command', 'name', $nsCommand, $Command.Name)
    $Writer.WriteElementString('command', 'verb', $nsCommand, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $nsCommand, $Command.Noun)
    Write-Description $Writer @($Page.Synopsis)
    $Writer.WriteEndElement()

    Write-Description $Writer $Page.Description

    # One syntax item per parameter set: positional parameters by position, then the others as declared.
    $Writer.WriteStartElement('command', 'syntax', $nsCommand)
    foreach ($set in $Command.ParameterSets) {
        $parameters = @($set.Parameters | Where-Object { -not $commonParameters.Contains($_.Name) })
        $positional = [System.Collections.Generic.List[object]]::new()
        foreach ($parameter in $parameters) { if ($parameter.Position -ge 0) { $positional.Add($parameter) } }
        $positional.Sort([System.Comparison[object]] { param($a, $b) $a.Position.CompareTo($b.Position) })
        $ordered = @($positional) + @($parameters | Where-Object { $_.Position -lt 0 })
        $Writer.WriteStartElement('command', 'syntaxItem', $nsCommand)
        $Writer.WriteElementString('maml', 'name', $nsMaml, $Command.Name)
        foreach ($parameter in $ordered) {
            Write-Parameter -Writer $Writer -Name $parameter.Name -Required $parameter.IsMandatory.ToString().ToLowerInvariant() `
                -Position (Get-Position $parameter) -PipelineInput (Get-PipelineInput @($parameter)) -Fact (Get-ParameterFact $parameter) `
                -DefaultValue $Defaults[$parameter.Name] -InSyntax
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Parameters in the page's order; facts from the first parameter set that has the parameter.
    $Writer.WriteStartElement('command', 'parameters', $nsCommand)
    foreach ($name in $Page.Parameters.Keys) {
        $inSets = @(foreach ($set in $Command.ParameterSets) { $set.Parameters | Where-Object { $_.Name -eq $name } })
        if ($inSets.Length -eq 0) { continue }
        $first = $inSets[0]
        Write-Parameter -Writer $Writer -Name $name -Required $first.IsMandatory.ToString().ToLowerInvariant() `
            -Position (Get-Position $first) -PipelineInput (Get-PipelineInput $inSets) -Fact (Get-ParameterFact $first) `
            -Description $Page.Parameters[$name] -DefaultValue $Defaults[$name]
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'inputTypes', $nsCommand)
    $inputs = $Page.Inputs
    if ($inputs.Length -eq 0) { $inputs = @([pscustomobject]@{ Type = 'None'; Description = [string[]]@() }) }
    foreach ($item in $inputs) {
        $Writer.WriteStartElement('command', 'inputType', $nsCommand)
        Write-DevType $Writer $item.Type
        Write-Description $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'returnValues', $nsCommand)
    foreach ($item in $Page.Outputs) {
        $Writer.WriteStartElement('command', 'returnValue', $nsCommand)
        Write-DevType $Writer $item.Type
        Write-Description $Writer $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    if ($Page.Notes.Length -gt 0) {
        $Writer.WriteStartElement('maml', 'alertSet', $nsMaml)
        $Writer.WriteStartElement('maml', 'alert', $nsMaml)
        Write-Paragraph $Writer $Page.Notes
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $nsCommand)
    foreach ($example in $Page.Examples) {
        $Writer.WriteStartElement('command', 'example', $nsCommand)
        $Writer.WriteElementString('maml', 'title', $nsMaml, "---------- $($example.Title) ----------")
        $Writer.WriteElementString('dev', 'code', $nsDev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $nsDev)
        # The empty paragraph keeps a blank line between one example's remarks and the next example's title.
        Write-Paragraph $Writer ($example.Remarks + '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # The online page comes first: Get-Help -Online opens the first link's uri, and it is the cmdlet's HelpUri.
    $Writer.WriteStartElement('command', 'relatedLinks', $nsCommand)
    $online = @([pscustomobject]@{ Text = 'Online Version:'; Uri = $Command.HelpUri })
    foreach ($link in $online + $Page.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $nsMaml)
        $Writer.WriteElementString('maml', 'linkText', $nsMaml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $nsMaml, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

#endregion

# Checks a page against the cmdlet: every parameter described, nothing extra, OUTPUTS as declared by [OutputType].
function Test-HelpPage([System.Management.Automation.CmdletInfo] $Command, [object] $Page, [string] $Path, [System.Collections.Generic.List[string]] $Problems) {
    $actual = @($Command.Parameters.Keys | Where-Object { -not $commonParameters.Contains($_) })
    foreach ($name in $actual) {
        if (-not $Page.Parameters.Contains($name)) {
            $Problems.Add("${Path}: the parameter -$name is not described (add '### -$name' under '## PARAMETERS').")
        }
        elseif ($Page.Parameters[$name].Length -eq 0) {
            $Problems.Add("${Path}: the description of -$name is empty.")
        }
    }
    foreach ($name in $Page.Parameters.Keys) {
        if ($actual -notcontains $name) {
            $Problems.Add("${Path}: describes -$name, which $($Command.Name) does not have.")
        }
    }
    $expectedUri = "$projectUri/blob/main/docs/$($Command.Name).md"
    if ($Command.HelpUri -cne $expectedUri) {
        $Problems.Add("$($Command.Name): HelpUri is '$($Command.HelpUri)'; the [Cmdlet] attribute must say HelpUri = `"$expectedUri`".")
    }
    $declared = @($Command.OutputType | ForEach-Object { $_.Name })
    if ($declared.Length -eq 0) { $declared = @('None') }
    $documented = @($Page.Outputs | ForEach-Object { $_.Type })
    if (($declared -join '|') -cne ($documented -join '|')) {
        $Problems.Add("${Path}: OUTPUTS lists '$($documented -join ', ')' but the cmdlet declares '$($declared -join ', ')' ([OutputType], or None).")
    }
}

$DocsPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($DocsPath)
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
$manifest = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', 'AnimationTools.psd1'))
$module = Import-Module $manifest -Force -PassThru
# Every cmdlet's online help is its page in the project's repository.
$projectUri = ([string]$module.ProjectUri).TrimEnd('/')
if (-not $projectUri) { throw "The manifest $manifest has no ProjectUri, which the online help links need." }
$names = [string[]]@($module.ExportedCmdlets.Keys)
[Array]::Sort($names, [StringComparer]::Ordinal)
if ($names.Length -eq 0) { throw "The module $manifest exports no cmdlets." }

$problems = [System.Collections.Generic.List[string]]::new()
$help = [System.Collections.Generic.List[object]]::new()
foreach ($name in $names) {
    $path = [System.IO.Path]::Combine($DocsPath, "$name.md")
    if (-not [System.IO.File]::Exists($path)) {
        $problems.Add("${path}: missing; every exported cmdlet needs a page.")
        continue
    }
    $command = $module.ExportedCmdlets[$name]
    $page = Read-HelpPage $path $name $problems
    Test-HelpPage $command $page $path $problems
    $help.Add([pscustomobject]@{ Command = $command; Page = $page; Defaults = (Get-DefaultValue $command) })
}
if ($problems.Count -gt 0) {
    throw ("The help was not built; fix the pages in ${DocsPath}:`n  " + ($problems -join "`n  "))
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.NewLineChars = "`n"
$settings.NewLineHandling = [System.Xml.NewLineHandling]::Replace
$buffer = [System.IO.MemoryStream]::new()
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteComment(' Generated by module/New-MamlHelp.ps1 from docs/*.md: edit the pages, then run ./build.ps1 Help. ')
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($item in $help) {
        Write-CommandHelp $writer $item.Command $item.Page $item.Defaults
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
$buffer.WriteByte(10)
[System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($OutputPath)) | Out-Null
[System.IO.File]::WriteAllBytes($OutputPath, $buffer.ToArray())
[Console]::Out.WriteLine("Wrote $OutputPath ($($help.Count) cmdlets).")
