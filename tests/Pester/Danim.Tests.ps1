# Danim tested as a user tests a runbook: real pwsh, the module imported by its manifest, the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator
    # The suite makes more requests than the default quota of 60 a minute; generations are made quick.
    $null = Invoke-EmulatorControl $emulator 'danim/config' @{ requestsPerMinute = 10000; pendingMs = 100; generatingMs = 300 }
    $session = Connect-Danim -Credential (New-TestCredential) -Endpoint $emulator.Danim -PollIntervalSeconds 0.2 -PassThru
    $review = '0b9d6a52-3f1e-4c7a-9e2d-5a8c1f6b7d40'
    $photo = Get-Item (Join-Path $PSScriptRoot '../assets/pose.jpg')
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $session | Disconnect-AnimationService
    $emulator | Stop-TestEmulator
}

Describe 'A Danim runbook' {
    It 'checks data, creates a video and saves its mp4 in one pipeline' {
        $data = @{ title = 'A great movie'; duration = 112; score = 4.8; poster = $photo }
        Test-DanimTemplateData -TemplateId $review -TemplateData $data -Session $session | Should -BeTrue
        $video = New-DanimVideo -TemplateId $review -TemplateData $data -Name 'Pester review' -Destination $TestDrive -Session $session |
            Wait-Job -Timeout 60 | Receive-Job
        $video.State | Should -Be 'DONE'
        $video.PlayerUrl | Should -Not -BeNullOrEmpty
        $video.File.Length | Should -BeGreaterThan 0
        $bytes = [IO.File]::ReadAllBytes($video.File.FullName)
        [Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
    }

    It 'reports every problem of bad data and sends nothing' {
        Clear-EmulatorRequest $emulator
        $ok = Test-DanimTemplateData -TemplateId $review -TemplateData @{ title = 'A great movie'; duration = 20.54; score = -2 } -Session $session -ErrorVariable problems -ErrorAction SilentlyContinue
        $ok | Should -BeFalse
        $problems.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('Danim.TemplateData.IsInt', 'Danim.TemplateData.MinNumericValue')
        $problems.TargetObject | Should -Be @('duration', 'score')
        New-DanimVideo -TemplateId $review -TemplateData @{ duration = 112 } -Session $session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator danim | Where-Object path -NotLike '/danim/read*') | Should -HaveCount 0
    }

    It 'lists, renames, generates and removes a draft' {
        $draft = New-DanimVideo -TemplateId $review -TemplateData @{ score = 2 } -Draft -Session $session
        $draft.State | Should -Be 'DRAFT'
        ($draft | Set-DanimVideo -Name 'Renamed' -Session $session).Name | Should -Be 'Renamed'
        $done = $draft | Start-DanimVideo -Session $session | Wait-Job -Timeout 60 | Receive-Job
        $done.State | Should -Be 'DONE'
        (Get-DanimVideo -State DONE -First 20 -Session $session).Id | Should -Contain $draft.Id
        $draft | Remove-DanimVideo -Confirm:$false -Session $session
        Get-DanimVideo -Id $draft.Id -Session $session -ErrorAction SilentlyContinue -ErrorVariable gone | Should -BeNullOrEmpty
        ($gone[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'Danim.VideoNotFound'
    }

    It 'reads the template of a piped video, not a template of the video''s own id' {
        $draft = New-DanimVideo -TemplateId $review -TemplateData @{ score = 3 } -Draft -Session $session
        $template = $draft | Get-DanimTemplate -Session $session
        $template.Id | Should -Be $review
        ($template | Get-DanimTemplate -Session $session).Id | Should -Be $review
        $draft | Remove-DanimVideo -Confirm:$false -Session $session
    }

    It 'treats success:false in an HTTP 200 as an error' {
        $draft = New-DanimVideo -TemplateId $review -TemplateData @{ score = 1 } -Draft -Session $session
        $null = Invoke-EmulatorControl $emulator 'danim/next-error' @{ route = '/write/video/generate'; type = 'InsufficientCreditsForGeneration' }
        $draft | Start-DanimVideo -Session $session -ErrorAction SilentlyContinue -ErrorVariable refused | Should -BeNullOrEmpty
        ($refused[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'Danim.InsufficientCreditsForGeneration'
        $refused[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
    }

    It 'preloads files, creates workspaces and runs GraphQL reads' {
        $file = Send-DanimFile -Path $photo.FullName -Session $session
        ($file.ExpiresAt - $file.CreatedAt).TotalHours | Should -Be 24
        (New-DanimWorkspace -Name 'Pester' -Logo $file.Id -Session $session).Name | Should -Be 'Pester'
        (Invoke-DanimQuery -Query 'query($id: String) { template(id: $id) { name } }' -Variables @{ id = $review } -Session $session).template.name | Should -Be 'Film review'
        Invoke-DanimQuery -Query '{ nope }' -Session $session -ErrorAction SilentlyContinue -ErrorVariable bad
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Danim.GraphQL.*'
    }

    It 'never shows the secret, even with -AuthMethod Query' {
        $query = Connect-Danim -Credential (New-TestCredential) -Endpoint $emulator.Danim -AuthMethod Query -PassThru -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Not -BeNullOrEmpty
        $text = & {
            Get-DanimTemplate -Id $review -Session $query -Verbose 4>&1 | Out-String
            Get-DanimVideo -Id nope -Session $query 2>&1 | Out-String
            $query | Format-List * | Out-String
            [Management.Automation.PSSerializer]::Serialize($query)
        } | Out-String
        $text | Should -Not -Match 'demo-secret'
        $query | Disconnect-AnimationService
    }
}

Describe 'Danim callbacks finishing jobs' {
    BeforeAll {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $prefix = "http://127.0.0.1:$port/danim/"
        $listener = Start-WebhookListener -Service Danim -Prefix $prefix -Session $session
    }

    AfterAll {
        $listener | Stop-Job
    }

    It 'completes a job from a callback carrying its token and refuses a forged one' {
        $job = New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } -CallbackUrl ($prefix -replace '^http:', 'http+get:') -Session $session
        $null = $job | Wait-Job -Timeout 30
        $job.JobStateInfo.State | Should -Be 'Completed'
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($listener.Accepted -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $event = $listener | Receive-Job
        $event.Service | Should -Be 'Danim'
        $event.EventType | Should -Be 'video.done'
        $event.Id | Should -Be $job.VideoId

        $answer = Invoke-WebRequest -Method Post -Uri "$($prefix)?at_token=forged" -Body @{ id = $job.VideoId } -SkipHttpErrorCheck
        [int]$answer.StatusCode | Should -Be 401
        $listener.Rejected | Should -Be 1
    }
}
