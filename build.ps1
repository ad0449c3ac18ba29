<#
.SYNOPSIS
    Builds, tests and demonstrates AnimationTools.
.DESCRIPTION
    Tasks:
      Build  builds the module (AnimationTools.psd1 is then importable from the repository root) and the emulator.
      Test   runs every test (dotnet test).
      Demo   starts the local emulator, uploads the sample videos, animates them and saves the results to ./out/demo.
      Help   regenerates module/en-US/AnimationTools.dll-Help.xml from the pages in docs/.
    Uses only PowerShell's core cmdlets and .NET, so it also runs in a minimal hosted engine.
.EXAMPLE
    pwsh ./build.ps1 Demo
.EXAMPLE
    pwsh ./build.ps1 Build -Configuration Release
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Help')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Emulator port for the demo (0 picks a free one).
    [int] $Port = 5080,

    # Skip the build step of Demo.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot

# Only core cmdlets and .NET below: the script must also run in an engine hosted without the Utility module.
function Write-Status([string] $Text) { [Console]::Out.WriteLine($Text) }
function Get-RepoPath([string] $Relative) { [System.IO.Path]::Combine($root, $Relative) }

function Invoke-Dotnet {
    param([string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet @('build', (Get-RepoPath 'src/AnimationTools/AnimationTools.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    Invoke-Dotnet @('build', (Get-RepoPath 'src/AnimationTools.Emulator/AnimationTools.Emulator.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet')
}

function Invoke-Test {
    Invoke-Dotnet @('test', (Get-RepoPath 'AnimationTools.slnx'), '-c', $Configuration, '--nologo')
}

function Start-Emulator {
    $dll = Get-RepoPath "src/AnimationTools.Emulator/bin/$Configuration/net10.0/AnimationTools.Emulator.dll"
    if (-not [System.IO.File]::Exists($dll)) { throw "The emulator is not built ($dll). Run ./build.ps1 Build first." }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($dll)
    $info.ArgumentList.Add('--urls')
    $info.ArgumentList.Add("http://127.0.0.1:$Port")
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match '^deepmotion:\s*(\S+)') {
            return [pscustomobject]@{ Process = $process; DeepMotion = $Matches[1] }
        }
    }
    $process.Kill()
    throw 'The emulator did not start.'
}

function Invoke-Demo {
    if (-not $NoBuild) { Invoke-Build }
    $emulator = Start-Emulator
    try {
        Write-Status "Emulator: $($emulator.DeepMotion)"
        Import-Module (Get-RepoPath 'AnimationTools.psd1') -Force
        $secret = [System.Security.SecureString]::new()
        foreach ($c in 'demo-secret'.ToCharArray()) { $secret.AppendChar($c) }
        $credential = [System.Management.Automation.PSCredential]::new('demo', $secret)
        Connect-DeepMotion -Credential $credential -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25

        $destination = Get-RepoPath 'out/demo'
        $videos = [System.IO.DirectoryInfo]::new((Get-RepoPath 'tests/assets')).GetFiles('*.mp4')
        $results = $videos | Send-Video | Start-AnimationJob -Format bvh, fbx -Destination $destination | Wait-Job | Receive-Job
        foreach ($result in $results) {
            Write-Status ("{0}  {1}" -f $result.Rid, $result.Name)
            foreach ($file in $result.Downloaded) { Write-Status ("    {0} ({1} bytes)" -f $file.FullName, $file.Length) }
        }
        Write-Status ("Credits left: {0}" -f (Get-DeepMotionCredit).Credits)
        $results
    }
    finally {
        Get-Job | Where-Object { $_.PSJobTypeName -eq 'AnimationToolsJob' } | Remove-Job -Force
        if (-not $emulator.Process.HasExited) { $emulator.Process.Kill() }
        $emulator.Process.Dispose()
    }
}

function Invoke-Help {
    $helpFile = Get-RepoPath 'module/en-US/AnimationTools.dll-Help.xml'
    & (Get-RepoPath 'module/New-MamlHelp.ps1') -DocsPath (Get-RepoPath 'docs') -OutputPath $helpFile
    # Get-Help reads it from <ModuleBase>/en-US (the build copies it there too).
    $null = [System.IO.Directory]::CreateDirectory((Get-RepoPath 'en-US'))
    [System.IO.File]::Copy($helpFile, (Get-RepoPath 'en-US/AnimationTools.dll-Help.xml'), $true)
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Help' { Invoke-Help }
    }
}
