# Every ```powershell block of README.md runs as written, in order, in one fresh session, against the emulator: the
# README cannot drift from the module. The only change made to a block is the emulator's address: the README says
# 127.0.0.1:5080, the test's emulator listens on a free port. Blocks run in a folder that holds the sample files the
# README names (copies of tests/assets).
BeforeDiscovery {
    $readme = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../../README.md')
    $blocks = foreach ($match in [regex]::Matches($readme, '(?ms)^```powershell[ \t]*\r?\n(.*?)^```')) {
        @{
            Line = ($readme.Substring(0, $match.Index) -split "`n").Count
            Code = $match.Groups[1].Value
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    $emulator = Start-TestEmulator -JobSeconds 1
    $authority = ([uri]$emulator.BaseUrl).Authority

    # The sample files the README's examples name, and the repository files they are copies of.
    $assets = Join-Path $PSScriptRoot '../assets'
    $samples = @{
        'clip.mp4' = 'walk.mp4'
        'me.jpg'   = 'pose.jpg'
    }
    $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'readme')
    foreach ($name in $samples.Keys) {
        Copy-Item -LiteralPath (Join-Path $assets $samples[$name]) -Destination (Join-Path $work $name)
    }

    # One session for all blocks, as a reader who types them one after another; the module is imported as the
    # Install section says.
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $runspace.SessionStateProxy.Path.SetLocation($work.FullName)
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    $null = $shell.AddScript("Import-Module '$(Join-Path $PSScriptRoot '../../AnimationTools.psd1')'").Invoke()
    $shell.Commands.Clear()
}

AfterAll {
    $cleanup = [powershell]::Create()
    $cleanup.Runspace = $runspace
    $null = $cleanup.AddScript('Get-Job | Remove-Job -Force; Get-AnimationSession | Disconnect-AnimationService').Invoke()
    $cleanup.Dispose()
    $shell.Dispose()
    $runspace.Dispose()
    $emulator | Stop-TestEmulator
}

Describe 'README.md' {
    It 'has code blocks to run' -ForEach @{ Count = @($blocks).Count } {
        $Count | Should -BeGreaterThan 0
    }

    It 'runs the block at line <Line> as written' -ForEach $blocks {
        $shell.Commands.Clear()
        $shell.Streams.ClearStreams()
        $null = $shell.AddScript($Code.Replace('127.0.0.1:5080', $authority))
        $output = $shell.Invoke()
        $errors = @($shell.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        $errors | Should -BeNullOrEmpty -Because "README line $Line must run without errors"
        $shell.HadErrors | Should -BeFalse
        $null = $output
    }
}
