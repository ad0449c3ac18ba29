# A session that loaded other versions of our dependencies first (Flurl 3.0.1, Flurl.Http 2.4.2, Polly.Core 8.1.0,
# as another module would) still runs the module: ours load into the "AnimationTools" AssemblyLoadContext from
# bin/Dependencies/, the objects of the pipeline stay in the default context, and the session keeps its own versions.
BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'tests/ChildPwsh.psm1') -Force
    Import-Module (Join-Path $root 'tests/TestEmulator.psm1') -Force

    # The other versions come from Pester.Restore.csproj (restored by build.ps1 Test; again here when run alone).
    & dotnet restore (Join-Path $PSScriptRoot 'Pester.Restore.csproj') --nologo -v quiet | Out-Null
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $packages = ((& dotnet nuget locals global-packages --list | Select-Object -First 1) -replace '^global-packages:\s*', '').Trim()
    }
    $theirs = @(
        Join-Path $packages 'flurl/3.0.1/lib/netstandard2.0/Flurl.dll'
        Join-Path $packages 'flurl.http/2.4.2/lib/netstandard2.0/Flurl.Http.dll'
        Join-Path $packages 'polly.core/8.1.0/lib/net6.0/Polly.Core.dll'
    )

    $emulator = Start-TestEmulator -JobSeconds 1
    # One throttled upload request, so that the retry (Polly) runs too.
    Invoke-EmulatorControl $emulator 'faults' @{ path = '^/deepmotion/upload'; kind = 'status'; status = 503 } | Out-Null
    $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'work')
    Copy-Item -LiteralPath (Join-Path $root 'tests/assets/walk.mp4') -Destination (Join-Path $work 'clip.mp4')

    $run = Invoke-ChildPwsh -ArgumentList $theirs, (Join-Path $root 'AnimationTools.psd1'), $emulator.DeepMotion, $work.FullName -ScriptBlock {
        param($Theirs, $Manifest, $Endpoint, $Work)
        $ErrorActionPreference = 'Stop'
        Add-Type -Path $Theirs
        Import-Module $Manifest
        Set-Location $Work
        $credential = [pscredential]::new('demo', (ConvertTo-SecureString 'demo-secret' -AsPlainText -Force))
        Connect-DeepMotion -Credential $credential -Endpoint $Endpoint -PollIntervalSeconds 0.25
        $videos = @(Get-ChildItem clip.mp4 | Send-Video)
        $jobs = @($videos | Start-AnimationJob -Format bvh -Destination ./anim)
        $animations = @($jobs | Wait-Job | Receive-Job)
        $jobs | Remove-Job -Force
        $contextOf = { param($Assembly) [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($Assembly).Name }
        [pscustomobject]@{
            Downloaded      = @($animations | ForEach-Object { $_.Downloaded } | ForEach-Object { $_.FullName })
            PipelineTypes   = @($videos[0], $jobs[0], $animations[0] | ForEach-Object {
                    [pscustomobject]@{ Type = $_.GetType().FullName; Context = & $contextOf $_.GetType().Assembly; Location = $_.GetType().Assembly.Location }
                })
            SessionFlurl    = "$([Flurl.Url].Assembly.GetName().Version)"
            Assemblies      = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match '^(Flurl|Flurl\.Http|Polly\.Core|AnimationTools.*)$' } | ForEach-Object {
                    [pscustomobject]@{ Name = $_.GetName().Name; Version = "$($_.GetName().Version)"; Context = & $contextOf $_; Location = $_.Location }
                })
        }
    }
    $result = $run.Output | Where-Object { $_.PSObject.Properties['Assemblies'] } | Select-Object -First 1
    $ours = Join-Path $root 'bin/Dependencies'
    function Get-Loaded([string] $Name, [string] $Context) {
        @($result.Assemblies | Where-Object { $_.Name -eq $Name -and $_.Context -eq $Context })
    }
}

AfterAll {
    $emulator | Stop-TestEmulator
}

Describe 'The module in a session that loaded other versions of its dependencies' {
    It 'runs a pipeline: the .bvh arrives' {
        $run.ExitCode | Should -Be 0 -Because ($run.Errors -join "`n")
        $result.Downloaded | Should -HaveCount 1
        Get-Content -TotalCount 1 -LiteralPath $result.Downloaded[0] | Should -Be 'HIERARCHY'
    }

    It 'retried the throttled upload request (Polly)' {
        @(Get-EmulatorRequest $emulator deepmotion | Where-Object path -Like '/deepmotion/upload*').Count | Should -Be 2
    }

    It 'keeps the objects of the pipeline in the default context' {
        $result.PipelineTypes | Should -HaveCount 3
        foreach ($type in $result.PipelineTypes) {
            $type.Context | Should -Be 'Default' -Because $type.Type
            $type.Location | Should -Be (Join-Path $root 'bin/AnimationTools.dll')
        }
        Get-Loaded AnimationTools Default | Should -HaveCount 1
    }

    It 'loads our <Name> <Version> in the AnimationTools context from bin/Dependencies' -ForEach @(
        @{ Name = 'Flurl'; Version = '4.0.0.0' }
        @{ Name = 'Flurl.Http'; Version = '4.0.2.0' }
        @{ Name = 'Polly.Core'; Version = '8.0.0.0' }
        @{ Name = 'AnimationTools.Resilience'; Version = '0.1.0.0' }) {
        $loaded = Get-Loaded $Name AnimationTools
        $loaded | Should -HaveCount 1
        $loaded[0].Version | Should -Be $Version
        $loaded[0].Location | Should -Be (Join-Path $ours "$Name.dll")
    }

    It "leaves the session's <Name> <Version> in the default context" -ForEach @(
        @{ Name = 'Flurl'; Version = '3.0.1.0' }
        @{ Name = 'Flurl.Http'; Version = '2.4.2.0' }
        @{ Name = 'Polly.Core'; Version = '8.0.0.0' }) {
        $loaded = Get-Loaded $Name Default
        $loaded | Should -HaveCount 1
        $loaded[0].Version | Should -Be $Version
        $loaded[0].Location | Should -BeLike "$packages*"
    }

    It "still gives the session's scripts their own Flurl" {
        $result.SessionFlurl | Should -Be '3.0.1.0'
    }
}
