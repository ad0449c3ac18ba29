# How to test your own scripts that use AnimationTools. Two styles:
#  - Unit tests mock the module's cmdlets. Mocks return plain objects with plain-string ids: no module types needed.
#  - An integration test runs the script against the emulator that ships with the repository.
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
        # The repository's emulator: every service on a free loopback port, client 'demo' with secret 'demo-secret'.
        Import-Module (Join-Path $PSScriptRoot '../../TestEmulator.psm1') -Force
        $emulator = Start-TestEmulator -JobSeconds 1
        $secret = ConvertTo-SecureString 'demo-secret' -AsPlainText -Force
        Connect-DeepMotion -Credential ([pscredential]::new('demo', $secret)) -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25

        $folder = Join-Path $TestDrive 'videos'
        $null = New-Item -ItemType Directory -Path $folder
        Copy-Item (Join-Path $PSScriptRoot '../../assets/*.mp4') $folder
    }

    AfterAll {
        Disconnect-AnimationService -Service DeepMotion
        $emulator | Stop-TestEmulator
    }

    It 'animates the folder and leaves the files on disk' {
        $destination = Join-Path $TestDrive 'anim'
        $results = Invoke-AnimationBatch -Path $folder -Destination $destination -Format bvh -Wait -TimeoutSeconds 120

        $results | Should -HaveCount 2
        $results.Downloaded | ForEach-Object { $_.FullName | Should -Exist }
        $jobs = Get-EmulatorRequest $emulator deepmotion | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/process' }
        @($jobs) | Should -HaveCount 2
    }
}
