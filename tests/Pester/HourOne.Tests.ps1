# Hour One tested as a user tests a runbook: real pwsh, the module imported by its manifest, the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator
    $null = Invoke-EmulatorControl $emulator 'hourone/config' @{ startedMs = 100; processingMs = 800 }
    $key = ConvertTo-SecureString 'demo-api-key' -AsPlainText -Force
    $session = Connect-HourOne -ApiKey $key -Endpoint $emulator.HourOne -PollIntervalSeconds 0.25 -PassThru
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $session | Disconnect-AnimationService
    $emulator | Stop-TestEmulator
}

Describe 'An Hour One runbook' {
    It 'renders a draft into an mp4 on disk in one pipeline' {
        $destination = Join-Path $TestDrive 'videos'
        $video = New-HourOneVideo -SourceDraftId demo-draft -Name 'Q3 update' -VoiceId demo-voice -Destination $destination -Session $session |
            Wait-Job -Timeout 60 | Receive-Job

        $video.Status | Should -Be 'ready'
        $video.File.FullName | Should -Exist
        $bytes = [System.IO.File]::ReadAllBytes($video.File.FullName)
        # An MP4 starts with a box whose type is "ftyp".
        [System.Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
    }

    It 'lists videos filtered by status' {
        $ready = Get-HourOneVideo -Status ready -Session $session
        $ready | Should -Not -BeNullOrEmpty
        $ready | ForEach-Object { $_.Status | Should -Be 'ready' }
    }

    It 'reads duration and scene timings as TimeSpans' {
        $metadata = Get-HourOneVideo -Status ready -Session $session | Select-Object -First 1 | Get-HourOneVideoMetadata -Session $session
        $metadata.Duration | Should -BeOfType [timespan]
        $metadata.Scenes | Should -HaveCount 3
        ($metadata.Scenes | ForEach-Object { $_.Duration.TotalSeconds } | Measure-Object -Sum).Sum | Should -Be $metadata.Duration.TotalSeconds
    }

    It 'saves a video and makes subtitles from the pipeline' {
        $destination = Join-Path $TestDrive 'saved'
        $saved = Get-HourOneVideo -Status ready -Session $session | Select-Object -First 1 | Save-HourOneVideo -Destination $destination -Session $session
        $saved.File.FullName | Should -Exist
        $subtitle = $saved | New-HourOneSubtitle -Language fr -Format vtt -Destination $destination -Session $session
        Get-Content -Raw -LiteralPath $subtitle.File.FullName | Should -Match '^WEBVTT'
    }

    It 'creates nothing with -WhatIf' {
        Clear-EmulatorRequest $emulator
        New-HourOneVideo -SourceDraftId demo-draft -Session $session -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator hourone | Where-Object { $_.method -eq 'POST' }) | Should -HaveCount 0
    }

    It 'deletes a video without asking when told so' {
        $video = Get-HourOneVideo -Session $session | Select-Object -First 1
        $video | Remove-HourOneVideo -Confirm:$false -Session $session
        $caught = try { Get-HourOneVideo -Id $video.Id -Session $session -ErrorAction Stop } catch { $_ }
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Hour One errors a runbook can handle' {
    It 'refuses a wrong key with an authentication error that does not show it' {
        $caught = try { Connect-HourOne -ApiKey 'wrong-api-key' -Endpoint $emulator.HourOne -PassThru } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'HourOne.AuthenticationFailed*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        # The error's own text; PowerShell's view also echoes the command line as typed, which is the caller's.
        $caught.Exception.Message + $caught.ErrorDetails.Message + $caught.ErrorDetails.RecommendedAction | Should -Not -Match 'wrong-api-key'
    }

    It 'fails the job of a video that failed to render' {
        $null = Invoke-EmulatorControl $emulator 'hourone/next-video' @{ outcome = 'failed'; reason = 'Presenter unavailable' }
        $job = New-HourOneVideo -SourceDraftId demo-draft -Session $session
        $null = $job | Wait-Job -Timeout 60
        $job.State | Should -Be 'Failed'
        $caught = try { $job | Receive-Job -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'HourOne.Video.Failed*'
    }

    It 'names the field the service refused' {
        $caught = try { New-HourOneVideo -SourceDraftId demo-draft -Scene @{ Name = 'one' } -Session $session -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'HourOne.Validation.scenes*'
    }

    It 'rejects a too long transcript before anything is sent' {
        Clear-EmulatorRequest $emulator
        { New-HourOneVideo -SourceDraftId demo-draft -Scene @{ Name = 'a'; Transcript = 'x' * 1001 } -Session $session -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequest $emulator hourone) | Should -HaveCount 0
    }

    It 'never shows the key in the session' {
        ($session | Format-List * | Out-String) + $session.ToString() + [System.Management.Automation.PSSerializer]::Serialize($session) |
            Should -Not -Match 'demo-api-key'
    }
}

Describe 'Hour One webhooks finishing jobs' {
    BeforeAll {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $prefix = "http://127.0.0.1:$port/hourone/"
        $secret = 'whsec-pester'
        $null = Invoke-EmulatorControl $emulator 'hourone/webhooks' @{ url = $prefix; signingSecret = $secret }
        $listener = Start-WebhookListener -Service HourOne -SigningSecret $secret -Prefix $prefix -Session $session
    }

    AfterAll {
        $listener | Stop-Job
    }

    It 'completes a job from a signed video.ready and refuses a forged one' {
        $video = New-HourOneVideo -SourceDraftId demo-draft -Session $session | Wait-Job -Timeout 30 | Receive-Job
        $video.Status | Should -Be 'ready'
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($listener.Accepted -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $event = $listener | Receive-Job
        $event.Service | Should -Be 'HourOne'
        $event.EventType | Should -Be 'video.ready'
        $event.Id | Should -Be $video.Id

        $forged = '{"event_name":"video.ready","data":{"id":"x"}}'
        $answer = try {
            Invoke-WebRequest -Method Post -Uri $prefix -Body $forged -ContentType application/json -Headers @{ 'x-hourone-signature' = ('0' * 64) } -SkipHttpErrorCheck
        } catch { $_.Exception.Response }
        [int]$answer.StatusCode | Should -Be 401
        $listener.Rejected | Should -Be 1
    }
}
