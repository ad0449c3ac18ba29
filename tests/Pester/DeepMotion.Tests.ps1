# DeepMotion Animate 3D tested as a user tests a runbook: real pwsh, the module imported by its manifest, the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator -JobSeconds 1
    $session = Connect-DeepMotion -Credential (New-TestCredential) -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25 -PassThru
    $assets = Join-Path $PSScriptRoot '../assets'
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $session | Disconnect-AnimationService
    $emulator | Stop-TestEmulator
}

Describe 'A DeepMotion runbook' {
    It 'uploads, animates and downloads every video of a folder in one pipeline' {
        $destination = Join-Path $TestDrive 'anim'
        $results = Get-ChildItem (Join-Path $assets '*.mp4') | Send-Video -Session $session |
            Start-AnimationJob -Session $session -Format bvh, fbx -Destination $destination | Wait-Job -Timeout 120 | Receive-Job

        $results | Should -HaveCount 2
        foreach ($result in $results) {
            $result.Rid | Should -Not -BeNullOrEmpty
            $result.Downloaded | Should -Not -BeNullOrEmpty
            foreach ($file in $result.Downloaded) {
                $file.FullName | Should -Exist
                $file.Length | Should -BeGreaterThan 0
            }
        }
        $names = $results.Downloaded.Name
        $names | Where-Object { $_ -match '\.bvh' } | Should -Not -BeNullOrEmpty
        $names | Where-Object { $_ -match '\.fbx' } | Should -Not -BeNullOrEmpty
    }

    It 'uploads the exact bytes of the file' {
        $file = Get-Item (Join-Path $assets 'walk.mp4')
        $upload = $file | Send-Video -Session $session
        $upload.Size | Should -Be $file.Length
        $uploads = Invoke-EmulatorControl $emulator 'deepmotion/uploads'
        $stored = @($uploads) | Where-Object { $_.name -eq 'walk.mp4' } | Select-Object -Last 1
        $stored | Should -Not -BeNullOrEmpty
        $stored.sha256 | Should -Be (Get-FileHash $file.FullName -Algorithm SHA256).Hash.ToLowerInvariant()
    }

    It 'spends nothing with -WhatIf' {
        $upload = Send-Video -LiteralPath (Join-Path $assets 'jump.mp4') -Session $session
        Clear-EmulatorRequest $emulator
        $job = $upload | Start-AnimationJob -Session $session -WhatIf
        $job | Should -BeNullOrEmpty
        $requests = Get-EmulatorRequest $emulator deepmotion
        @($requests | Where-Object { $_.path -like '*/process*' }) | Should -HaveCount 0
    }

    It 'reports the credit balance' {
        (Get-DeepMotionCredit -Session $session).Credits | Should -BeGreaterThan 0
    }

    It 'finds a job again by its rid, as another process would' {
        $job = Send-Video -LiteralPath (Join-Path $assets 'jump.mp4') -Session $session | Start-AnimationJob -Session $session -Format bvh
        $again = Get-AnimationJob -Id $job.Rid -Session $session
        $again.Rid | Should -Be $job.Rid
        $job | Wait-Job -Timeout 60 | Should -Not -BeNullOrEmpty
        $job.State | Should -Be 'Completed'
    }
}

Describe 'DeepMotion errors a runbook can handle' {
    It 'refuses wrong credentials with a typed error and no stack trace' {
        $caught = try { Connect-DeepMotion -Credential (New-TestCredential -Secret 'wrong') -Endpoint $emulator.DeepMotion -PassThru } catch { $_ }
        $caught | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $caught.FullyQualifiedErrorId | Should -BeLike 'DeepMotion.*'
        $caught.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
        $caught.ToString() | Should -Not -Match 'at AnimationTools\.'
    }

    It 'rejects a bad parameter before any request' {
        Clear-EmulatorRequest $emulator
        { Start-AnimationJob -Url 'not a url' -Session $session -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequest $emulator deepmotion | Where-Object { $_.path -like '*/process*' }) | Should -HaveCount 0
    }

    It 'can be caught with try/catch by its ErrorId' {
        $caught = try { Get-AnimationJob -Id 'no-such-rid' -Session $session -ErrorAction Stop } catch { $_ }
        $caught | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $caught.FullyQualifiedErrorId | Should -BeLike 'DeepMotion.*'
    }
}
