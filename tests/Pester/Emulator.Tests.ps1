# The emulator as a user's test tool: Start-AnimationEmulator, its faults and clock, Stop-AnimationEmulator; in real pwsh.
BeforeAll {
    $manifest = Join-Path $PSScriptRoot '../../AnimationTools.psd1'
    Import-Module $manifest -Force
    $assets = Join-Path $PSScriptRoot '../assets'

    # A child pwsh of the same version as this one ('dotnet pwsh' runs pwsh.dll under the dotnet host).
    function Get-ChildPwsh {
        $dll = Join-Path $PSHOME 'pwsh.dll'
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet' -and (Test-Path $dll)) {
            return [Environment]::ProcessPath, $dll
        }
        , [Environment]::ProcessPath
    }

    function Start-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
        $command = @(Get-ChildPwsh)
        $info = [Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) {
            $info.ArgumentList.Add($argument)
        }
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        [Diagnostics.Process]::Start($info)
    }

    function Test-ProcessAlive([int] $Id) {
        $process = Get-Process -Id $Id -ErrorAction SilentlyContinue
        $null -ne $process -and -not $process.HasExited
    }

    function Wait-ProcessGone([int] $Id, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ((Test-ProcessAlive $Id) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        -not (Test-ProcessAlive $Id)
    }

    $emulator = Start-AnimationEmulator -Port 0 -JobSeconds 1
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    Get-AnimationSession | Disconnect-AnimationService
    if ($emulator) { $emulator | Stop-AnimationEmulator -ErrorAction SilentlyContinue }
}

Describe 'Start-AnimationEmulator' {
    It 'starts on a free port and returns an endpoint for every Connect-* cmdlet' {
        $emulator | Should -BeOfType 'AnimationTools.LocalEmulator.AnimationEmulator'
        $emulator.Port | Should -BeGreaterThan 0
        $emulator.BaseUrl | Should -Be "http://127.0.0.1:$($emulator.Port)"
        Test-ProcessAlive $emulator.ProcessId | Should -BeTrue
        $emulator.Credential.UserName | Should -Be 'demo'

        (Connect-DeepMotion -Credential $emulator.Credential -Endpoint $emulator.DeepMotion -PassThru).Service | Should -Be 'DeepMotion'
        (Connect-AvatarSdk -Credential $emulator.Credential -Endpoint $emulator.AvatarSdk -PassThru).Service | Should -Be 'AvatarSdk'
        (Connect-Teleport -Credential $emulator.Credential -Endpoint $emulator.Teleport -TokenEndpoint $emulator.TeleportTokenEndpoint -PassThru).Service | Should -Be 'Teleport'
        (Connect-HourOne -ApiKey $emulator.HourOneApiKey -Endpoint $emulator.HourOne -PassThru).Service | Should -Be 'HourOne'
        (Connect-Danim -Credential $emulator.Credential -Endpoint $emulator.Danim -PassThru).Service | Should -Be 'Danim'

        # Each login reached the emulator started here.
        $services = (Get-AnimationEmulatorRequest).Service | Sort-Object -Unique
        foreach ($service in 'DeepMotion', 'AvatarSdk', 'TeleportSignin', 'HourOne', 'Danim') { $services | Should -Contain $service }
    }

    It 'runs a pipeline end to end' {
        Connect-DeepMotion -Credential $emulator.Credential -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25
        $result = Get-Item (Join-Path $assets 'walk.mp4') | Send-Video | Start-AnimationJob -Format bvh -Destination $TestDrive |
            Wait-Job -Timeout 60 | Receive-Job
        $result.Downloaded | Should -Not -BeNullOrEmpty
        $result.Downloaded | ForEach-Object { $_.FullName | Should -Exist }
        Get-AnimationEmulatorRequest DeepMotion | Where-Object { $_.Method -eq 'POST' -and $_.Path -eq '/deepmotion/process' } | Should -HaveCount 1
    }

    It 'shows as a table that fits 80 columns and never prints its secrets' {
        $table = $emulator | Format-Table | Out-String -Width 200
        $table -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $table | Should -Match "\b$($emulator.ProcessId)\b"
        $table | Should -Match ([regex]::Escape($emulator.Control))
        $everything = ($emulator | Format-List * | Out-String) + ($emulator | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue) + "$emulator"
        $everything | Should -Not -Match 'demo-secret|demo-api-key'
    }

    It 'refuses a busy port with a clear error' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $busy = $listener.LocalEndpoint.Port
            $caught = try { Start-AnimationEmulator -Port $busy } catch { $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'AnimationEmulator.PortInUse,*'
            $caught.Exception.Message | Should -Match "Port $busy .* in use"
        }
        finally { $listener.Stop() }
    }

    It 'says in one sentence that the .NET runtime is missing when dotnet is not on PATH' {
        $script = "Import-Module '$manifest'; try { Start-AnimationEmulator; 'started' } catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category.ToString(); `$_.Exception.Message }"
        $child = Start-ChildPwsh $script @{ PATH = (Join-Path $TestDrive 'no-dotnet-here') }
        $output = $child.StandardOutput.ReadToEnd()
        $child.WaitForExit(60000) | Should -BeTrue
        $lines = @($output -split '\r?\n' | Where-Object { $_ })
        $lines[0] | Should -BeLike 'AnimationEmulator.RuntimeMissing,*'
        $lines[1] | Should -Be 'NotInstalled'
        $lines[2] | Should -Match "needs the \.NET runtime, and 'dotnet' is not on PATH"
        $lines | Should -Not -Contain 'started'
    }
}

Describe 'Faults' {
    BeforeAll {
        $dm = Connect-DeepMotion -Credential $emulator.Credential -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25 -PassThru
    }
    BeforeEach { Clear-AnimationEmulatorFault }

    It 'a throttled service: a 429 twice, which the session retries through' {
        $fault = Add-AnimationEmulatorFault -Service DeepMotion -Path '^/deepmotion/account/creditBalance$' -Status 429 -RetryAfterSeconds 0 -Count 2
        $fault.Id | Should -Not -BeNullOrEmpty
        $fault.Kind | Should -Be 'status'

        (Get-DeepMotionCredit -Session $dm).Credits | Should -BeGreaterThan 0
        $statuses = (Get-AnimationEmulatorRequest DeepMotion | Where-Object Path -EQ '/deepmotion/account/creditBalance').Status
        $statuses[-3..-1] | Should -Be 429, 429, 200
        (Get-AnimationEmulatorFault | Where-Object Id -EQ $fault.Id).Remaining | Should -Be 0
    }

    It 'a failing service: the script sees the typed error, and Clear-AnimationEmulatorFault ends it' {
        $fault = Add-AnimationEmulatorFault -Service DeepMotion -Path '^/deepmotion/account/creditBalance$' -Status 503 -Count 100
        $dm.Retry.MaxRetries = 0
        try {
            $caught = try { Get-DeepMotionCredit -Session $dm -ErrorAction Stop } catch { $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'DeepMotion.Http.503,*'
            $fault | Clear-AnimationEmulatorFault
            Get-AnimationEmulatorFault | Where-Object Id -EQ $fault.Id | Should -BeNullOrEmpty
            (Get-DeepMotionCredit -Session $dm).Credits | Should -BeGreaterThan 0
        }
        finally { $dm.Retry.MaxRetries = 3 }
    }

    It 'a lost answer: the work is done, the script sees a broken connection' {
        $null = Add-AnimationEmulatorFault -Service DeepMotion -Method GET -Path '^/deepmotion/account/creditBalance$' -LostResponse -Count 100
        $dm.Retry.MaxRetries = 0
        try {
            $caught = try { Get-DeepMotionCredit -Session $dm -ErrorAction Stop } catch { $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'DeepMotion.*'
            $caught.Exception.IsTransportFailure | Should -BeTrue
            # The emulator completes the log entry as it aborts the connection, which may be just after the client noticed.
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            do {
                $last = Get-AnimationEmulatorRequest DeepMotion | Where-Object Path -EQ '/deepmotion/account/creditBalance' | Select-Object -Last 1
            } until ($last.Fault -or [DateTime]::UtcNow -gt $deadline -or -not (Start-Sleep -Milliseconds 100))
            $last.Fault | Should -Be 'lostResponse'
            $last.Aborted | Should -BeTrue
            $last.HandlerStatus | Should -Be 200
        }
        finally { $dm.Retry.MaxRetries = 3 }
    }

    It 'a delay holds the request' {
        $null = Add-AnimationEmulatorFault -Service DeepMotion -Path '^/deepmotion/account/creditBalance$' -DelaySeconds 1.5
        $elapsed = Measure-Command { Get-DeepMotionCredit -Session $dm }
        $elapsed.TotalSeconds | Should -BeGreaterThan 1.4
    }

    It 'a failed job: Set-AnimationEmulatorNextJob -Fail makes the next job end with the service error' {
        Set-AnimationEmulatorNextJob -Service DeepMotion -Fail -Code 513
        $job = Get-Item (Join-Path $assets 'walk.mp4') | Send-Video -Session $dm | Start-AnimationJob -Session $dm -Format bvh -Destination $TestDrive
        $null = $job | Wait-Job -Timeout 60
        $job.JobStateInfo.State | Should -Be 'Failed'
        $job | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable failed
        ($failed[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'DeepMotion.Job.513'
    }

    It 'a failed video of another service: Hour One ends the next video as failed' {
        $hourOne = Connect-HourOne -ApiKey $emulator.HourOneApiKey -Endpoint $emulator.HourOne -PollIntervalSeconds 0.25 -PassThru
        Set-AnimationEmulatorNextJob -Service HourOne -Fail -Reason 'Presenter unavailable' -DurationSeconds 0.5
        $video = New-HourOneVideo -SourceDraftId demo-draft -Name 'Fails' -Session $hourOne
        $null = $video | Wait-Job -Timeout 60
        $video.JobStateInfo.State | Should -Be 'Failed'
        $video | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable failed
        ($failed[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'HourOne.Video.Failed'
        # Only the next job is shaped: the one after it succeeds.
        $next = New-HourOneVideo -SourceDraftId demo-draft -Name 'Works' -Session $hourOne
        $null = $next | Wait-Job -Timeout 60
        $next.JobStateInfo.State | Should -Be 'Completed'
    }

    It 'refuses an invalid fault with the emulator''s reason' {
        $caught = try { Add-AnimationEmulatorFault -Path '(' -Status 500 -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'AnimationEmulator.ControlRefused,*'
    }

    It 'Reset-AnimationEmulator forgets faults and requests' {
        $null = Add-AnimationEmulatorFault -Service HourOne -Status 500 -Count 5
        Reset-AnimationEmulator
        Get-AnimationEmulatorFault | Should -BeNullOrEmpty
        Get-AnimationEmulatorRequest | Should -BeNullOrEmpty
    }
}

Describe 'Move-AnimationEmulatorClock' {
    It 'moves the Danim clock: a preloaded file id expires after 24 hours' {
        $danim = Connect-Danim -Credential $emulator.Credential -Endpoint $emulator.Danim -PollIntervalSeconds 0.2 -PassThru
        $review = '0b9d6a52-3f1e-4c7a-9e2d-5a8c1f6b7d40'
        $file = Send-DanimFile -Path (Join-Path $assets 'pose.jpg') -Session $danim
        $before = [DateTime]::UtcNow

        $now = Move-AnimationEmulatorClock -By (New-TimeSpan -Hours 25)
        ($now - $before).TotalHours | Should -BeGreaterThan 24.9

        $caught = try { New-DanimVideo -TemplateId $review -TemplateData @{ score = 3; poster = $file.Id } -Draft -Session $danim -ErrorAction Stop } catch { $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'Danim.TemplateDataFileNotFound'
        $null = Move-AnimationEmulatorClock -By (New-TimeSpan -Hours -25)
    }
}

Describe 'Stop-AnimationEmulator' {
    It 'stops the emulator from the pipeline and waits for its process to end' {
        $second = Start-AnimationEmulator
        Test-ProcessAlive $second.ProcessId | Should -BeTrue
        $second | Stop-AnimationEmulator
        $second.HasExited | Should -BeTrue
        Test-ProcessAlive $second.ProcessId | Should -BeFalse
        # The cmdlets fall back to the emulator started before it, which still runs.
        (Get-AnimationEmulatorFault) | Should -BeNullOrEmpty
        $caught = try { Get-AnimationEmulatorRequest -Emulator $second -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'AnimationEmulator.NotRunning,*'
    }

    It 'keeps running when Ctrl+C reaches it (the terminal signals the whole process group)' -Skip:$IsWindows {
        $third = Start-AnimationEmulator
        try {
            & kill -s INT $third.ProcessId
            Start-Sleep -Seconds 1
            $third.HasExited | Should -BeFalse
            Get-AnimationEmulatorFault -Emulator $third | Should -BeNullOrEmpty
        }
        finally { $third | Stop-AnimationEmulator }
    }

    It 'leaves no emulator behind when its PowerShell is killed, or exits' {
        foreach ($ending in 'kill', 'exit') {
            $script = "Import-Module '$manifest'; `$e = Start-AnimationEmulator; `$e.ProcessId; " + $(if ($ending -eq 'kill') { 'Start-Sleep 120' } else { 'exit 0' })
            $child = Start-ChildPwsh $script
            $line = $child.StandardOutput.ReadLineAsync()
            $line.Wait(60000) | Should -BeTrue
            $emulatorId = [int]$line.Result
            if ($ending -eq 'kill') {
                Test-ProcessAlive $emulatorId | Should -BeTrue
                $child.Kill()
            }
            $child.WaitForExit(30000) | Should -BeTrue
            Wait-ProcessGone $emulatorId | Should -BeTrue -Because "the emulator must end when its PowerShell ($ending) ends"
        }
    }
}
