# Avatar SDK tested as a user tests a runbook: real pwsh, the module imported by its manifest, the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator
    $session = Connect-AvatarSdk -Credential (New-TestCredential) -Endpoint $emulator.AvatarSdk -PollIntervalSeconds 0.25 -PassThru
    $photo = Join-Path $PSScriptRoot '../assets/pose.jpg'
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $session | Disconnect-AnimationService
    $emulator | Stop-TestEmulator
}

Describe 'An Avatar SDK runbook' {
    It 'turns a photo into a glb avatar on disk in one pipeline' {
        $destination = Join-Path $TestDrive 'avatar'
        $saved = New-Avatar -Photo $photo -Pipeline metaperson_2.0 -PipelineSubtype male -ExportParameter @{ format = 'glb' } -Session $session |
            Wait-Job -Timeout 120 | Receive-Job | Get-AvatarExport -Session $session | Save-AvatarExport -Destination $destination -Session $session

        $saved | Should -Not -BeNullOrEmpty
        $archive = Get-ChildItem -LiteralPath $destination -Recurse -Filter *.zip | Select-Object -First 1
        $archive | Should -Not -BeNullOrEmpty
        $zip = [System.IO.Compression.ZipFile]::OpenRead($archive.FullName)
        try {
            $entry = $zip.Entries | Where-Object Name -Like '*.glb' | Select-Object -First 1
            $entry | Should -Not -BeNullOrEmpty
            $stream = $entry.Open()
            $magic = [byte[]]::new(4)
            $null = $stream.Read($magic, 0, 4)
            $stream.Dispose()
            # A binary glTF starts with the ASCII magic "glTF".
            [System.Text.Encoding]::ASCII.GetString($magic) | Should -Be 'glTF'
        }
        finally {
            $zip.Dispose()
        }
    }

    It 'lists the avatars it made, filtered by status' {
        $completed = Get-Avatar -Status Completed -Session $session
        $completed | Should -Not -BeNullOrEmpty
        $completed | ForEach-Object { $_.Status | Should -Be 'Completed' }
    }

    It 'renames an avatar' {
        $avatar = Get-Avatar -Session $session | Select-Object -First 1
        $avatar | Set-Avatar -Name 'Renamed by Pester' -Session $session
        (Get-Avatar -Code $avatar.Code -Session $session).Name | Should -Be 'Renamed by Pester'
    }

    It 'counts nothing with -WhatIf' {
        Clear-EmulatorRequest $emulator
        New-Avatar -Photo $photo -Pipeline metaperson_2.0 -PipelineSubtype male -Session $session -WhatIf | Should -BeNullOrEmpty
        $posts = @(Get-EmulatorRequest $emulator avatarsdk | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/avatars/' })
        $posts | Should -HaveCount 0
    }

    It 'reports usage' {
        $usage = Get-AvatarUsage -Session $session
        $usage | Should -Not -BeNullOrEmpty
    }
}

Describe 'Avatar SDK errors a runbook can handle' {
    It 'refuses wrong credentials with a typed error' {
        $caught = try { Connect-AvatarSdk -Credential (New-TestCredential -Secret 'wrong') -Endpoint $emulator.AvatarSdk -PassThru } catch { $_ }
        $caught | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $caught.FullyQualifiedErrorId | Should -BeLike 'AvatarSdk.*'
        $caught.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
    }

    It 'reports an unknown avatar as not found' {
        $caught = try { Get-Avatar -Code 'no-such-avatar' -Session $session -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'AvatarSdk.*404*'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects an unknown pipeline before anything is sent' {
        Clear-EmulatorRequest $emulator
        { New-Avatar -Photo $photo -Pipeline 'no-such-pipeline' -Session $session -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequest $emulator avatarsdk | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/avatars/' }) |
            Should -HaveCount 0
    }
}
