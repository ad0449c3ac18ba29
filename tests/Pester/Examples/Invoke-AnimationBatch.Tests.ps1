# How to test your own scripts that use AnimationTools. Two styles:
#  - Unit tests mock the module's cmdlets. Mocks return plain objects with plain-string ids: no module types needed.
#  - An integration test runs the script against the emulator that ships with the module (Start-AnimationEmulator),
#    and uses its fault cmdlets to test the script's handling of a failed job or a throttled service.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../../AnimationTools.psd1') -Force
    . (Join-Path $PSScriptRoot 'Invoke-AnimationBatch.ps1')
}

Describe 'Invoke-AnimationBatch with the service mocked' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'videos'
        $null = New-Item -ItemType Directory -Path $folder
        'a', 'b' | ForEach-Object { Set-Content -LiteralPath (Join-Path $folder "$_.mp4") -Value 'not really a video' }

        Mock Send-Video {
            [pscustomobject]@{ Name = Split-Path -Leaf $LiteralPath[0]; Url = "https://storage.example/$(Split-Path -Leaf $LiteralPath[0])" }
        }
        Mock Start-AnimationJob {
            [pscustomobject]@{ Rid = "rid-$(Split-Path -Leaf $Url)"; Name = Split-Path -Leaf $Url }
        }
    }

    It 'uploads every video and starts one job per upload' {
        $jobs = Invoke-AnimationBatch -Path $folder -Destination (Join-Path $TestDrive 'anim') -Format bvh, fbx

        $jobs.Rid | Should -Be 'rid-a.mp4', 'rid-b.mp4'
        Should -Invoke Send-Video -Times 2 -Exactly
        Should -Invoke Start-AnimationJob -Times 2 -Exactly -ParameterFilter {
            $Url -like 'https://storage.example/*' -and ($Format -join ',') -eq 'bvh,fbx'
        }
    }

    It 'warns and starts nothing for a folder without videos' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty')
        Invoke-AnimationBatch -Path $empty -Destination $TestDrive -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $warnings | Should -Match 'No \.mp4 files'
        Should -Invoke Start-AnimationJob -Times 0 -Exactly
    }
}

Describe 'Invoke-AnimationBatch against the emulator' {
    BeforeAll {
        # The module's own emulator: every service on a free loopback port, with the credentials it accepts.
        $emulator = Start-AnimationEmulator -Port 0 -JobSeconds 1
        Connect-DeepMotion -Credential $emulator.Credential -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25

        $folder = Join-Path $TestDrive 'videos'
        $null = New-Item -ItemType Directory -Path $folder
        Copy-Item (Join-Path $PSScriptRoot '../../assets/*.mp4') $folder
    }

    # Each test starts from a clean emulator: no jobs, no faults, an empty request log.
    BeforeEach { Reset-AnimationEmulator }

    AfterAll {
        Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
        Disconnect-AnimationService -Service DeepMotion
        $emulator | Stop-AnimationEmulator
    }

    It 'animates the folder and leaves the files on disk' {
        $destination = Join-Path $TestDrive 'anim'
        $results = Invoke-AnimationBatch -Path $folder -Destination $destination -Format bvh -Wait -TimeoutSeconds 120

        $results | Should -HaveCount 2
        $results.Downloaded | ForEach-Object { $_.FullName | Should -Exist }
        $jobs = Get-AnimationEmulatorRequest DeepMotion | Where-Object { $_.Method -eq 'POST' -and $_.Path -eq '/deepmotion/process' }
        @($jobs) | Should -HaveCount 2
    }

    It 'reports a failed job as an error and still returns the other results' {
        # The service fails the next job it runs, as DeepMotion reports a video it cannot animate.
        Set-AnimationEmulatorNextJob -Service DeepMotion -Fail -Code 513

        $results = Invoke-AnimationBatch -Path $folder -Destination (Join-Path $TestDrive 'failed') -Format bvh -Wait -TimeoutSeconds 120 `
            -ErrorAction SilentlyContinue -ErrorVariable failures

        $results | Should -HaveCount 1
        $failures | Should -HaveCount 1
        ($failures[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'DeepMotion.Job.513'
    }

    It 'rides out a throttled service without starting a job twice' {
        # Two job starts answered 429 with Retry-After: 1, as a throttled service answers.
        $null = Add-AnimationEmulatorFault -Service DeepMotion -Method POST -Path '^/deepmotion/process$' -Status 429 -RetryAfterSeconds 1 -Count 2

        $results = Invoke-AnimationBatch -Path $folder -Destination (Join-Path $TestDrive 'throttled') -Format bvh -Wait -TimeoutSeconds 120

        $results | Should -HaveCount 2
        $starts = Get-AnimationEmulatorRequest DeepMotion | Where-Object { $_.Method -eq 'POST' -and $_.Path -eq '/deepmotion/process' }
        @($starts | Where-Object Status -EQ 429) | Should -HaveCount 2
        @($starts | Where-Object Status -EQ 200) | Should -HaveCount 2
    }
}
