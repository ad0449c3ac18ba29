<#
.SYNOPSIS
    Runs every Pester suite under tests/Pester in this pwsh and writes {Passed, Failed} to -SummaryPath.
.EXAMPLE
    dotnet pwsh ./tests/Pester/Invoke-PesterSuites.ps1 -PesterPath ~/.nuget/packages/pester/5.9.1/tools/Pester.psd1
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [string] $SummaryPath,
    [string[]] $Path = $PSScriptRoot
)

Import-Module $PesterPath -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($env:CI) { $configuration.Output.RenderMode = 'Plaintext' }
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/test-results/pester.xml'

$result = Invoke-Pester -Configuration $configuration
# A suite whose discovery or BeforeAll failed counts as a failure even when none of its tests ran.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
if ($SummaryPath) {
    [pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
}
exit ([int]($failed -gt 0))
