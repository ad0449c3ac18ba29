<#
.SYNOPSIS
    Builds, tests and demonstrates AnimationTools.
.DESCRIPTION
    Tasks:
      Build  builds the module (AnimationTools.psd1 is then importable from the repository root) and the emulator.
      Test   builds, runs the xUnit tests and the Pester suites, and ends with one line "N passed, N failed".
      Demo   starts the local emulator on a free port, uploads the sample videos, animates them and saves the
             results to ./out/demo.
      Help   regenerates module/en-US/AnimationTools.dll-Help.xml from the pages in docs/.
      Reliability  runs the reliability tests (faults, lost answers, malformed responses, fuzzed input) and writes
             their table into docs/reliability.md.
      Package  builds Release and publishes the module, as the PowerShell Gallery would take it, to a local file
             repository: out/package/repo/AnimationTools.<version>.nupkg (staged in out/package/AnimationTools/).
             Install it with Register-PSResourceRepository and Install-PSResource (README, Install).
    Run it with the repository's pinned PowerShell: dotnet tool restore && dotnet pwsh ./build.ps1 <Task>
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Demo
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -Kind Pester
.EXAMPLE
    dotnet pwsh ./build.ps1 Package
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Help', 'Reliability', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Emulator port for the demo; 0 (the default) picks a free one.
    [ValidateRange(0, 65535)]
    [int] $Port = 0,

    # Which tests Test runs.
    [ValidateSet('All', 'XUnit', 'Pester')]
    [string] $Kind = 'All',

    # Skip the build step of Demo, Test and Package (Package then takes bin/ as the last build left it).
    [switch] $NoBuild,

    # Where Package stages the module (<PackagePath>/AnimationTools) and publishes it (<PackagePath>/repo).
    [string] $PackagePath = (Join-Path $PSScriptRoot 'out/package')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$results = Join-Path $root 'out/test-results'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $root 'AnimationTools.slnx') -c $Configuration --nologo -v quiet
}

# A child pwsh of the same version as this one: 'dotnet pwsh' runs pwsh.dll under the dotnet host.
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet' -and (Test-Path $dll)) {
        return [Environment]::ProcessPath, $dll
    }
    , [Environment]::ProcessPath
}

function Get-PesterModulePath {
    $project = Join-Path $root 'tests/Pester/Pester.Restore.csproj'
    Invoke-Dotnet restore $project --nologo -v quiet
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
        $packages = ($line -replace '^global-packages:\s*', '').Trim()
    }
    $path = Join-Path $packages 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester 5.9.1 was restored, but $path is missing." }
    $path
}

function Invoke-XUnit {
    # One .trx a test project; the counts are summed over all of them.
    $folder = Join-Path $results 'xunit'
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
    & dotnet test (Join-Path $root 'AnimationTools.slnx') -c $Configuration --no-build --nologo `
        --results-directory $folder --logger 'trx;LogFilePrefix=xunit' --logger 'console;verbosity=normal' | Out-Host
    $exitCode = $LASTEXITCODE
    $reports = @(Get-ChildItem -LiteralPath $folder -Filter *.trx -ErrorAction Ignore)
    if ($reports.Count -eq 0) {
        Write-Warning 'dotnet test wrote no results: counted as one failure.'
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $passed = 0
    $failed = 0
    foreach ($report in $reports) {
        $counters = ([xml](Get-Content -Raw -LiteralPath $report.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    if ($exitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-PesterSuites {
    $summary = Join-Path $results 'pester.json'
    Remove-Item -LiteralPath $summary -ErrorAction Ignore
    $pwsh = @(Get-PwshCommand)
    $runner = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/Pester/Invoke-PesterSuites.ps1'),
        '-PesterPath', (Get-PesterModulePath), '-SummaryPath', $summary)
    & $pwsh[0] @runner | Out-Host
    if (-not (Test-Path -LiteralPath $summary)) {
        Write-Warning 'The Pester run wrote no summary: counted as one failure.'
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    Get-Content -Raw -LiteralPath $summary | ConvertFrom-Json
}

function Invoke-Test {
    if (-not $NoBuild) { Invoke-Build }
    $null = New-Item -ItemType Directory -Force -Path $results
    $runs = @()
    if ($Kind -in 'All', 'XUnit') { $runs += Invoke-XUnit }
    if ($Kind -in 'All', 'Pester') { $runs += Invoke-PesterSuites }
    $passed = ($runs | Measure-Object -Property Passed -Sum).Sum
    $failed = ($runs | Measure-Object -Property Failed -Sum).Sum
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    if (-not $NoBuild) { Invoke-Build }
    Import-Module (Join-Path $root 'tests/TestEmulator.psm1') -Force
    $emulator = Start-TestEmulator -Port $Port -JobSeconds 2 -Configuration $Configuration
    try {
        Write-Host "Emulator: $($emulator.DeepMotion)"
        Import-Module (Join-Path $root 'AnimationTools.psd1') -Force
        Connect-DeepMotion -Credential (New-TestCredential) -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25

        $destination = Join-Path $root 'out/demo'
        $animations = Get-ChildItem (Join-Path $root 'tests/assets/*.mp4') | Send-Video |
            Start-AnimationJob -Format bvh, fbx -Destination $destination | Wait-Job | Receive-Job
        foreach ($animation in $animations) {
            Write-Host ('{0}  {1}' -f $animation.Rid, $animation.Name)
            foreach ($file in $animation.Downloaded) { Write-Host ('    {0} ({1:N0} bytes)' -f $file.FullName, $file.Length) }
        }
        Write-Host ('Credits left: {0}' -f (Get-DeepMotionCredit).Credits)
        $animations
    }
    finally {
        Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
        Get-AnimationSession | Disconnect-AnimationService
        $emulator | Stop-TestEmulator
    }
}

function Invoke-Reliability {
    if (-not $NoBuild) { Invoke-Build }
    $rows = Join-Path $root 'out/reliability'
    Remove-Item -LiteralPath $rows -Recurse -Force -ErrorAction Ignore
    & dotnet test (Join-Path $root 'tests/AnimationTools.Tests') -c $Configuration --no-build --nologo --filter 'Category=Reliability' | Out-Host
    $failed = $LASTEXITCODE -ne 0
    $table = Get-ChildItem -LiteralPath $rows -Filter *.json -ErrorAction Ignore | ForEach-Object { Get-Content -Raw $_.FullName | ConvertFrom-Json } |
        Sort-Object Area, Case
    if (-not $table) { throw 'The reliability tests recorded no rows.' }

    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('# Reliability')
    $lines.Add('')
    $lines.Add('What the reliability tests (`tests/AnimationTools.Tests/Reliability/`, xUnit category `Reliability`) tried')
    $lines.Add('against the emulator, and what went wrong. Faults are drawn from fixed seeds, so a run repeats the same trials.')
    $lines.Add('Regenerate this page with `dotnet pwsh ./build.ps1 Reliability`; the same tests run in every `build.ps1 Test`.')
    $lines.Add('')
    $lines.Add('| Area | Case | Trials | Faults | Losses | Duplicates | Adoptions | Hangs | Handled |')
    $lines.Add('|---|---|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($row in $table) {
        $lines.Add("| $($row.Area) | $($row.Case) | $($row.Trials) | $($row.Faults) | $($row.Losses) | $($row.Duplicates) | $($row.Adoptions) | $($row.Hangs) | $($row.Handled) |")
    }
    $sum = { param($name) ($table | Measure-Object -Property $name -Sum).Sum }
    $lines.Add("| **Total** | | $(& $sum Trials) | $(& $sum Faults) | $(& $sum Losses) | $(& $sum Duplicates) | $(& $sum Adoptions) | $(& $sum Hangs) | $(& $sum Handled) |")
    $lines.Add('')
    $lines.Add('Losses: a file not byte-identical (SHA-256) or a partial file under a final name. Duplicates: paid work created twice')
    $lines.Add('for one request. Adoptions: a caller given work another caller created. Hangs: a trial past its time bound.')
    $lines.Add('Handled: trials that ended as the contract says (the right result, a typed error, or a tolerated unknown value).')
    Set-Content -LiteralPath (Join-Path $root 'docs/reliability.md') -Value ($lines -join "`n") -NoNewline:$false
    Write-Host "docs/reliability.md: $($table.Count) rows"
    if ($failed) { throw 'Some reliability tests failed; the table shows the rows they recorded.' }
}

function Invoke-Help {
    $helpFile = Join-Path $root 'module/en-US/AnimationTools.dll-Help.xml'
    & (Join-Path $root 'module/New-MamlHelp.ps1') -DocsPath (Join-Path $root 'docs') -OutputPath $helpFile
    # Get-Help reads it from <ModuleBase>/en-US (the build copies it there too).
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $root 'en-US')
    Copy-Item -LiteralPath $helpFile -Destination (Join-Path $root 'en-US') -Force
}

# What the package holds, relative to the repository root (bin/ wholesale: the module, bin/Dependencies/, and
# bin/emulator/ when the build bundled the emulator; en-US/ wholesale: the MAML help and the about_ topics).
$PackageContent = 'AnimationTools.psd1', 'bin', 'module/AnimationTools.Format.ps1xml', 'en-US', 'LICENSE', 'README.md'

function Invoke-Package {
    if (-not $NoBuild) {
        # bin/ is build output only: clear it so that nothing an older build left there is shipped.
        Remove-Item -LiteralPath (Join-Path $root 'bin') -Recurse -Force -ErrorAction Ignore
        Invoke-Dotnet build (Join-Path $root 'AnimationTools.slnx') -c Release --nologo -v quiet
    }
    $out = [IO.Path]::GetFullPath($PackagePath)
    $staging = Join-Path $out 'AnimationTools'
    $repository = Join-Path $out 'repo'
    Remove-Item -LiteralPath $out -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Force -Path $staging, $repository
    foreach ($item in $PackageContent) {
        $source = Join-Path $root $item
        if (-not (Test-Path -LiteralPath $source)) { throw "$item is missing: run 'dotnet pwsh ./build.ps1 Build' first." }
        $destination = Join-Path $staging (Split-Path -Parent $item)
        $null = New-Item -ItemType Directory -Force -Path $destination
        Copy-Item -LiteralPath $source -Destination $destination -Recurse -Force
    }
    # The about_ topics are written in module/en-US/ beside the MAML help's source.
    Get-ChildItem -LiteralPath (Join-Path $root 'module/en-US') -Filter 'about_*.help.txt' -ErrorAction Ignore |
        Copy-Item -Destination (Join-Path $staging 'en-US') -Force

    # PSResourceGet keeps its repository list under the user's profile. The child pwsh gets a temporary one (on Linux
    # and macOS the list follows HOME, the XDG variables unset); on Windows, where it does not follow the environment,
    # the uniquely named registration is removed again.
    $profileRoot = Join-Path ([IO.Path]::GetTempPath()) "AnimationTools-package-$([guid]::NewGuid().ToString('n'))"
    $saved = @{}
    foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    try {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
        # The profile's folders must exist: .NET answers an empty path for a special folder that does not, and
        # NuGet (under Publish-PSResource) then writes NuGet/NuGet.Config into the current directory.
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $profileRoot '.config'), (Join-Path $profileRoot '.local/share'), (Join-Path $profileRoot '.cache')
        [Environment]::SetEnvironmentVariable('HOME', $profileRoot)
        $publish = {
            param($Staging, $Repository)
            $ErrorActionPreference = 'Stop'
            if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet)) {
                throw 'Package needs the Microsoft.PowerShell.PSResourceGet module (part of PowerShell 7.4 and later).'
            }
            $name = "AnimationTools-$([guid]::NewGuid().ToString('n'))"
            Register-PSResourceRepository -Name $name -Uri $Repository -Trusted
            try { Publish-PSResource -Path $Staging -Repository $name }
            finally { Unregister-PSResourceRepository -Name $name }
        }
        $pwsh = @(Get-PwshCommand)
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $publish -args $staging, $repository | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource failed with exit code $LASTEXITCODE." }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item -LiteralPath $profileRoot -Recurse -Force -ErrorAction Ignore
    }
    $package = Get-ChildItem -LiteralPath $repository -Filter 'AnimationTools.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no package to $repository." }
    Write-Host "Package: $($package.FullName)"
}

try {
    foreach ($name in $Task) {
        switch ($name) {
            'Build' { Invoke-Build }
            'Test' { Invoke-Test }
            'Demo' { Invoke-Demo }
            'Help' { Invoke-Help }
            'Reliability' { Invoke-Reliability }
            'Package' { Invoke-Package }
        }
    }
}
catch {
    # A failed step says what went wrong in one line; dotnet's own output above already has the details.
    [Console]::Error.WriteLine($_.Exception.Message)
    exit 1
}
