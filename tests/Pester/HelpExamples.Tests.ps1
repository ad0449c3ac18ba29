# Every example block of every help page runs, against the emulator: the docs cannot drift from the code.
#
# A page is docs/<Cmdlet>.md for each cmdlet the manifest exports; its examples are the ```powershell blocks under
# '## EXAMPLES'. A block is plain code, or a transcript: lines starting with 'PS> ' are code ('>> ' continues one),
# every other line is shown output and is not run. Each page runs in a fresh runspace (module imported by path), its
# blocks in order, so a later example may use the variables of an earlier one. Before a page's first block every
# service is connected to one test emulator (reset between pages) with the emulator's default credentials, as after
# the pages' prerequisite "Connect-<Service> was run", the services' credential variables (DEEPMOTION_CLIENT_ID ...)
# hold the same accounts, as a runbook's environment would, and the working folder is a fresh folder holding the
# sample files below. 127.0.0.1:5080 in a block becomes the test emulator's address. A block fails when it throws,
# writes to the error stream ($ErrorActionPreference is 'Stop') or runs longer than two minutes; its output is
# formatted (Out-String), so a broken view fails too, but not compared.
#
# Listener addresses 127.0.0.1:8080 to :8099 become free ports of the run (one mapping per page).
#
# HELP_EXAMPLES_PAGES (comma-separated cmdlet names, wildcards allowed) runs only those pages; HELP_EXAMPLES_SHOW=1
# writes each block's output to the host, to compare with the transcript on the page.
BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    $exported = @((Import-PowerShellDataFile -LiteralPath (Join-Path $root 'AnimationTools.psd1')).CmdletsToExport)
    $filter = @(if ($env:HELP_EXAMPLES_PAGES) { $env:HELP_EXAMPLES_PAGES -split ',' | ForEach-Object Trim | Where-Object { $_ } })

    # The ```powershell blocks under '## EXAMPLES', each with its heading's number and the code to run.
    function Read-ExampleBlock([string] $Path) {
        $lines = [System.IO.File]::ReadAllText($Path).Replace("`r`n", "`n").Split("`n")
        $inExamples = $false
        $heading = $null
        $code = $null
        for ($i = 0; $i -lt $lines.Length; $i++) {
            $line = $lines[$i]
            if ($null -ne $code) {
                if ($line.TrimStart().StartsWith('```')) {
                    $transcript = @($code | Where-Object { $_ -match '^PS>( |$)' }).Count -gt 0
                    $run = if ($transcript) {
                        foreach ($codeLine in $code) {
                            if ($codeLine -match '^(?:PS|>)> ?(.*)$') { $Matches[1] }
                        }
                    }
                    else { $code }
                    @{ Number = $heading; Line = $start; Code = (@($run) -join "`n") }
                    $code = $null
                }
                else { $code.Add($line) }
                continue
            }
            if ($line -match '^##\s+(.+?)\s*$' -and $line -notmatch '^###') {
                $inExamples = $Matches[1] -eq 'EXAMPLES'
            }
            elseif ($inExamples -and $line -match '^###\s+Example\s+(\d+)') {
                $heading = [int]$Matches[1]
            }
            elseif ($inExamples -and $line -match '^```powershell\s*$') {
                $code = [System.Collections.Generic.List[string]]::new()
                $start = $i + 1
            }
        }
    }

    $pages = foreach ($name in ($exported | Sort-Object)) {
        if ($filter.Count -gt 0 -and -not ($filter | Where-Object { $name -like $_ })) { continue }
        $path = Join-Path $root "docs/$name.md"
        $blocks = @(if (Test-Path -LiteralPath $path) { Read-ExampleBlock $path })
        $index = 0
        foreach ($block in $blocks) {
            $index++
            $block.Cmdlet = $name
            if ($null -eq $block.Number) { $block.Number = $index }
        }
        @{ Cmdlet = $name; Path = $path; Blocks = $blocks; Count = $blocks.Count }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $manifest = Join-Path $root 'AnimationTools.psd1'
    # Imported here too, to list the exported cmdlets and end the sessions between pages (they live in the process).
    Import-Module $manifest -Force
    $emulator = Start-TestEmulator -JobSeconds 1
    $authority = ([uri]$emulator.BaseUrl).Authority

    # The sample files the examples use (docs/architecture.md, "Help examples run as tests", lists them too), and the files of
    # tests/assets they are copies of.
    $assets = Join-Path $root 'tests/assets'
    $samples = [ordered]@{
        'clip.mp4'             = 'walk.mp4'
        'clips/walk.mp4'       = 'walk.mp4'
        'clips/jump.mp4'       = 'jump.mp4'
        'me.jpg'               = 'pose.jpg'
        'photos/front.jpg'     = 'pose.jpg'
        'photos/left.jpg'      = 'pose.jpg'
        'photos/right.jpg'     = 'pose.jpg'
        'characters/hero.glb'  = 'hero.glb'
        'characters/robot.glb' = 'hero.glb'
        'characters/hero.png'  = 'pose.png'
    }

    # What a runbook finds in its environment: the credential variables of the Connect-* cmdlets, here the emulator's
    # demo accounts; and a state folder of the page's own (upload journals, download cache).
    $environment = @{
        DEEPMOTION_CLIENT_ID     = 'demo'
        DEEPMOTION_CLIENT_SECRET = 'demo-secret'
        AVATARSDK_CLIENT_ID      = 'demo'
        AVATARSDK_CLIENT_SECRET  = 'demo-secret'
        TELEPORT_CLIENT_ID       = 'demo'
        TELEPORT_CLIENT_SECRET   = 'demo-secret'
        HOURONE_API_KEY          = 'demo-api-key'
        DANIM_APP_ID             = 'demo'
        DANIM_APP_SECRET         = 'demo-secret'
        ANIMATIONTOOLS_STATE     = $null
        ANIMATIONTOOLS_CACHE     = $null
    }
    $savedEnvironment = @{}
    foreach ($name in $environment.Keys) { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }

    # The session a reader has after "Connect-<Service> was run": every service, on the emulator, default accounts.
    $connect = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($manifest.Replace("'", "''"))'
`$demo = [pscredential]::new('demo', (ConvertTo-SecureString 'demo-secret' -AsPlainText -Force))
Connect-DeepMotion -Credential `$demo -Endpoint '$($emulator.DeepMotion)' -PollIntervalSeconds 0.25
Connect-AvatarSdk -Credential `$demo -Endpoint '$($emulator.AvatarSdk)' -PollIntervalSeconds 0.25
Connect-HourOne -ApiKey (ConvertTo-SecureString 'demo-api-key' -AsPlainText -Force) -Endpoint '$($emulator.HourOne)' -PollIntervalSeconds 0.25
Connect-Teleport -Credential `$demo -Endpoint '$($emulator.Teleport)' -TokenEndpoint '$($emulator.TeleportSignin)/oauth2/token' -PollIntervalSeconds 0.25
Connect-Danim -AppId demo -AppSecret 'demo-secret' -Endpoint '$($emulator.Danim)' -PollIntervalSeconds 0.25
Remove-Variable demo
"@

    # Emulator jobs end in about a second: a block that runs this long waits for something that never comes.
    $blockTimeoutSeconds = 120

    # Runs a script in the page's runspace; returns its output as text, and the error records it wrote.
    function Invoke-InPage([powershell] $Shell, [string] $Script) {
        $Shell.Commands.Clear()
        $Shell.Streams.ClearStreams()
        $null = $Shell.AddScript($Script).AddCommand('Out-String').AddParameter('Width', 120)
        $text = ''
        $thrown = @()
        try {
            $running = $Shell.BeginInvoke()
            if (-not $running.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($blockTimeoutSeconds))) {
                $null = $Shell.BeginStop($null, $null)
                throw [TimeoutException]::new("still running after $blockTimeoutSeconds seconds (stopped)")
            }
            $text = $Shell.EndInvoke($running) -join ''
        }
        catch {
            $inner = $_.Exception
            while ($inner -is [System.Management.Automation.MethodInvocationException] -and $inner.InnerException) { $inner = $inner.InnerException }
            $record = if ($inner -is [System.Management.Automation.IContainsErrorRecord]) { $inner.ErrorRecord }
            $thrown = @(if ($record) { "threw $($record.FullyQualifiedErrorId): $record" } else { "threw $($inner.GetType().Name): $($inner.Message)" })
        }
        [pscustomobject]@{
            Text   = $text
            Errors = @($thrown) + @($Shell.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        }
    }

    # The emulator's address, and the loopback ports 8080-8099 that examples give webhook listeners: free ports of
    # this run instead, the same for every block of a page, so runs side by side do not collide.
    function ConvertTo-TestAddress([string] $Code, [hashtable] $Ports) {
        $Code = $Code.Replace('127.0.0.1:5080', $authority)
        [regex]::Replace($Code, '(?<=127\.0\.0\.1:)80[89]\d\b', {
                param($match)
                if (-not $Ports.ContainsKey($match.Value)) {
                    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
                    $probe.Start()
                    $Ports[$match.Value] = [string]$probe.LocalEndpoint.Port
                    $probe.Stop()
                }
                $Ports[$match.Value]
            })
    }

    function Open-Page([string] $Cmdlet) {
        # Sessions live in the process, shared by its runspaces: each page starts from none.
        Get-AnimationSession -ErrorAction Ignore | Disconnect-AnimationService -ErrorAction Ignore
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Control)/reset"

        $environment.ANIMATIONTOOLS_STATE = Join-Path $TestDrive "state/$Cmdlet"
        $environment.ANIMATIONTOOLS_CACHE = Join-Path $TestDrive "cache/$Cmdlet"
        foreach ($name in $environment.Keys) { [Environment]::SetEnvironmentVariable($name, $environment[$name]) }

        $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive "work/$Cmdlet")
        foreach ($name in $samples.Keys) {
            $target = Join-Path $work $name
            $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $target)
            Copy-Item -LiteralPath (Join-Path $assets $samples[$name]) -Destination $target
        }

        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $runspace.SessionStateProxy.Path.SetLocation($work.FullName)
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $result = Invoke-InPage $shell $connect
        if ($result.Errors) { throw "Connecting the page's session failed: $($result.Errors -join '; ')" }
        [pscustomobject]@{ Shell = $shell; Runspace = $runspace; Folder = $work.FullName; Ports = @{} }
    }

    function Close-Page($Page) {
        if ($null -eq $Page) { return }
        $cleanup = [powershell]::Create()
        $cleanup.Runspace = $Page.Runspace
        $null = $cleanup.AddScript('Get-Job | Remove-Job -Force; Get-AnimationSession | Disconnect-AnimationService').Invoke()
        $cleanup.Dispose()
        $Page.Shell.Dispose()
        $Page.Runspace.Dispose()
        foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    }
}

AfterAll {
    Get-AnimationSession -ErrorAction Ignore | Disconnect-AnimationService -ErrorAction Ignore
    if ($emulator) { $emulator | Stop-TestEmulator }
}

Describe 'Help pages' {
    It 'every exported cmdlet has a page' {
        $module = Get-Module AnimationTools
        $missing = @($module.ExportedCmdlets.Keys | Where-Object { -not (Test-Path -LiteralPath (Join-Path $root "docs/$_.md")) })
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 0
        $missing | Should -BeNullOrEmpty -Because 'every exported cmdlet needs docs/<Cmdlet>.md'
    }

    It '<Cmdlet> has at least two example blocks' -ForEach $pages {
        $Count | Should -BeGreaterOrEqual 2 -Because "$Path needs two or more ```powershell blocks under ## EXAMPLES"
    }
}

Describe '<Cmdlet> examples' -ForEach @($pages | Where-Object { $_.Count -gt 0 }) {
    BeforeAll {
        $page = Open-Page $Cmdlet
    }

    AfterAll {
        Close-Page $page
    }

    It '<Cmdlet> example <Number> runs' -ForEach $Blocks {
        $result = Invoke-InPage $page.Shell (ConvertTo-TestAddress $Code $page.Ports)
        if ($env:HELP_EXAMPLES_SHOW) { Write-Host "--- docs/$Cmdlet.md line $Line`n$($result.Text.TrimEnd())" }
        $shown = if ($result.Text.Trim()) { " (its output before:`n$($result.Text.TrimEnd())`n)" }
        $result.Errors | Should -BeNullOrEmpty -Because "the block at docs/$Cmdlet.md line $Line must run without errors$shown"
    }
}
