# Tab completion tried as a user presses Tab: real pwsh, TabExpansion2, the module imported by its manifest, the
# emulator. The ids offered are ids this file creates; the request log shows what each Tab asked the services.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator -JobSeconds 1
    $null = Invoke-EmulatorControl $emulator 'danim/config' @{ requestsPerMinute = 10000 }
    $assets = Join-Path $PSScriptRoot '../assets'
    $tokenEndpoint = "$($emulator.TeleportSignin)/oauth2/token"
    $review = '0b9d6a52-3f1e-4c7a-9e2d-5a8c1f6b7d40'

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    # Requests of one service whose path matches, as the emulator logged them (a request is logged when answered).
    function Get-ListRequest([string] $Service, [string] $Path) {
        @(Get-EmulatorRequest $emulator $Service | Where-Object { $_.path -match $Path })
    }

    function Connect-Everything {
        @(
            Connect-DeepMotion -Credential (New-TestCredential) -Endpoint $emulator.DeepMotion -PassThru
            Connect-AvatarSdk -Credential (New-TestCredential) -Endpoint $emulator.AvatarSdk -PassThru
            Connect-Teleport -Credential (New-TestCredential) -Endpoint $emulator.Teleport -TokenEndpoint $tokenEndpoint -PassThru
            Connect-HourOne -ApiKey (ConvertTo-SecureString 'demo-api-key' -AsPlainText -Force) -Endpoint $emulator.HourOne -PassThru
            Connect-Danim -Credential (New-TestCredential) -Endpoint $emulator.Danim -PassThru
        )
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $emulator | Stop-TestEmulator
}

Describe 'Tab without a session' {
    It 'offers no ids and sends no request' {
        if (Get-AnimationSession) {
            Set-ItResult -Skipped -Because 'another suite left a session in this process'
            return
        }
        foreach ($line in 'Get-AnimationJob -Id ', 'Get-Avatar -Code ', 'Get-TeleportCapture -Eid ', 'Get-HourOneVideo -Id ', 'Get-DanimVideo -Id ', 'Get-WebhookEndpoint -Id ') {
            Complete $line | Where-Object ResultType -EQ ParameterValue | Should -BeNullOrEmpty -Because $line
        }
        @(Invoke-EmulatorControl $emulator 'requests') | Where-Object { $_ } | Should -BeNullOrEmpty
    }
}

Describe 'Tab completion of what users type most' {
    BeforeAll {
        $sessions = Connect-Everything

        $rid = (Get-Item (Join-Path $assets 'walk.mp4') | Send-Video | Start-AnimationJob -Format bvh).Rid
        $endpointId = (New-WebhookEndpoint -Url 'http://127.0.0.1:9/completion-hook').Id
        $avatarCode = (New-Avatar -Photo (Join-Path $assets 'pose.jpg') -Pipeline metaperson_2.0 -PipelineSubtype male -Name 'Completion face').Code
        $eids = (Invoke-EmulatorControl $emulator 'teleport/captures/seed' @{ count = 2; name = 'Completion atrium' }).eids
        $hourOneId = (New-HourOneVideo -SourceDraftId demo-draft -Name 'Completion update').VideoId
        $null = Get-DanimTemplate -Id $review
        $danimId = (New-DanimVideo -TemplateId $review -TemplateData @{ title = 'Completion'; duration = 12; score = 4 } -Draft -Name 'Completion clip').Id
    }

    AfterAll {
        $sessions | Disconnect-AnimationService
    }

    It '<Line> offers the <What> created here' -ForEach @(
        @{ Line = 'Get-AnimationJob -Id '; What = 'job rid'; Variable = 'rid' }
        @{ Line = 'Get-AnimationJob -Rid '; What = 'job rid'; Variable = 'rid' }
        @{ Line = 'Save-Animation -Rid '; What = 'job rid'; Variable = 'rid' }
        @{ Line = 'Start-AnimationJob -RerunOf '; What = 'job rid'; Variable = 'rid' }
        @{ Line = 'Get-WebhookEndpoint -Id '; What = 'webhook endpoint id'; Variable = 'endpointId' }
        @{ Line = 'Set-WebhookEndpoint -Id '; What = 'webhook endpoint id'; Variable = 'endpointId' }
        @{ Line = 'Remove-WebhookEndpoint -Id '; What = 'webhook endpoint id'; Variable = 'endpointId' }
        @{ Line = 'Get-Avatar -Code '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Set-Avatar -Code '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Remove-Avatar -Code '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Get-AvatarModelInfo -AvatarCode '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Get-AvatarExport -AvatarCode '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'New-AvatarExport -AvatarCode '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Save-AvatarAsset -AvatarCode '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Save-AvatarExport -AvatarCode '; What = 'avatar code'; Variable = 'avatarCode' }
        @{ Line = 'Get-TeleportCapture -Eid '; What = 'capture eid'; Variable = 'eids' }
        @{ Line = 'Rename-TeleportCapture -Eid '; What = 'capture eid'; Variable = 'eids' }
        @{ Line = 'Remove-TeleportCapture -Eid '; What = 'capture eid'; Variable = 'eids' }
        @{ Line = 'Save-TeleportCapture -Eid '; What = 'capture eid'; Variable = 'eids' }
        @{ Line = 'Get-TeleportCaptureMetadata -Eid '; What = 'capture eid'; Variable = 'eids' }
        @{ Line = 'Get-HourOneVideo -Id '; What = 'Hour One video id'; Variable = 'hourOneId' }
        @{ Line = 'Get-HourOneVideoMetadata -Id '; What = 'Hour One video id'; Variable = 'hourOneId' }
        @{ Line = 'Save-HourOneVideo -Id '; What = 'Hour One video id'; Variable = 'hourOneId' }
        @{ Line = 'New-HourOneSubtitle -Id '; What = 'Hour One video id'; Variable = 'hourOneId' }
        @{ Line = 'Remove-HourOneVideo -Id '; What = 'Hour One video id'; Variable = 'hourOneId' }
        @{ Line = 'Get-DanimVideo -Id '; What = 'Danim video id'; Variable = 'danimId' }
        @{ Line = 'Set-DanimVideo -Id '; What = 'Danim video id'; Variable = 'danimId' }
        @{ Line = 'Start-DanimVideo -Id '; What = 'Danim video id'; Variable = 'danimId' }
        @{ Line = 'Save-DanimVideo -Id '; What = 'Danim video id'; Variable = 'danimId' }
        @{ Line = 'Remove-DanimVideo -Id '; What = 'Danim video id'; Variable = 'danimId' }
        @{ Line = 'New-DanimVideo -TemplateId '; What = 'Danim template id used before'; Variable = 'review' }
        @{ Line = 'Get-DanimTemplate -Id '; What = 'Danim template id used before'; Variable = 'review' }
        @{ Line = 'Test-DanimTemplateData -TemplateId '; What = 'Danim template id used before'; Variable = 'review' }
    ) {
        $expected = @((Get-Variable $Variable).Value | ForEach-Object { $_ })
        $expected | Should -Not -BeNullOrEmpty
        $offered = Complete $Line
        foreach ($id in $expected) {
            $offered.CompletionText | Should -Contain $id
        }
        # The start of an id narrows the offer to the ids that start so.
        $prefix = $expected[0].Substring(0, 4)
        $narrowed = Complete ($Line + $prefix)
        $narrowed.CompletionText | Should -Contain $expected[0]
        $narrowed.CompletionText | ForEach-Object { $_ | Should -BeLike "$prefix*" }
    }

    It 'shows the human name and state of each id as its tooltip' {
        (Complete "Get-AnimationJob -Id $rid").ToolTip | Should -Match 'walk\.mp4 \((STARTING|PROGRESS|SUCCESS)\)'
        (Complete "Get-Avatar -Code $avatarCode").ToolTip | Should -Match '^Completion face \('
        (Complete "Get-TeleportCapture -Eid $($eids[0])").ToolTip | Should -Be 'Completion atrium (READY)'
        (Complete "Get-HourOneVideo -Id $hourOneId").ToolTip | Should -Match '^Completion update \('
        (Complete "Get-DanimVideo -Id $danimId").ToolTip | Should -Be 'Completion clip (DRAFT)'
        (Complete "Get-WebhookEndpoint -Id $endpointId").ToolTip | Should -Match '^http://127\.0\.0\.1:9/completion-hook'
    }

    It 'finds an id by the start of its name' {
        (Complete 'Get-DanimVideo -Id Completion').CompletionText | Should -Be @($danimId)
        (Complete "Get-Avatar -Code 'Completion f").CompletionText | Should -Be @($avatarCode)
    }

    It 'a second <Line>Tab within the cache lifetime asks <Service> nothing' -ForEach @(
        @{ Line = 'Get-AnimationJob -Id '; Service = 'deepmotion'; Path = '^/deepmotion/list'; Variable = 'rid' }
        @{ Line = 'Get-WebhookEndpoint -Id '; Service = 'deepmotion'; Path = '^/deepmotion/webhook_endpoints$'; Variable = 'endpointId' }
        @{ Line = 'Get-Avatar -Code '; Service = 'avatarsdk'; Path = '^/avatarsdk/avatars/$'; Variable = 'avatarCode' }
        @{ Line = 'Get-TeleportCapture -Eid '; Service = 'teleport'; Path = '^/teleport/api/v1/captures$'; Variable = 'eids' }
        @{ Line = 'Get-HourOneVideo -Id '; Service = 'hourone'; Path = '^/hourone/api/v1/videos$'; Variable = 'hourOneId' }
        @{ Line = 'Get-DanimVideo -Id '; Service = 'danim'; Path = '^/danim/read'; Variable = 'danimId' }
    ) {
        $null = Complete $Line
        Clear-EmulatorRequest $emulator
        $again = Complete $Line
        $again.CompletionText | Should -Contain @((Get-Variable $Variable).Value)[0]
        Get-ListRequest $Service $Path | Should -BeNullOrEmpty
    }

    It 'offers a video created after the list was read, without asking the service again' {
        $null = Complete 'Get-HourOneVideo -Id '
        $null = Invoke-EmulatorControl $emulator 'hourone/config' @{ processingMs = 30000 }
        $later = (New-HourOneVideo -SourceDraftId demo-draft -Name 'Completion later').VideoId
        Clear-EmulatorRequest $emulator
        $offered = Complete 'Get-HourOneVideo -Id '
        $offered.CompletionText | Should -Contain $later
        $offered.CompletionText | Should -Contain $hourOneId
        Get-ListRequest hourone '^/hourone/api/v1/videos$' | Should -BeNullOrEmpty
    }

    It 'completes -Service of <Line>with the connected services' -ForEach @(
        @{ Line = 'Get-AnimationSession -Service ' }
        @{ Line = 'Disconnect-AnimationService -Service ' }
    ) {
        $connected = Get-AnimationSession | ForEach-Object Service | Sort-Object -Unique
        $offered = (Complete $Line).CompletionText
        $offered | Should -Be $connected
        foreach ($service in 'AvatarSdk', 'Danim', 'DeepMotion', 'HourOne', 'Teleport') {
            $offered | Should -Contain $service
        }
        (Complete ($Line + 'hour')).CompletionText | Should -Be 'HourOne'
        (Complete ($Line + 'Tele')).ToolTip | Should -Match '^Teleport #\d+ '
    }

    It 'completes -Id of Disconnect-AnimationService with the session numbers' {
        $hourOne = $sessions | Where-Object Service -EQ HourOne
        $offered = Complete 'Disconnect-AnimationService -Id '
        $offered.CompletionText | Should -Be (Get-AnimationSession | ForEach-Object { [string]$_.Id } | Sort-Object)
        ($offered | Where-Object CompletionText -EQ ([string]$hourOne.Id)).ToolTip | Should -Be "$hourOne (current)"
    }

    It 'completes -Service of <Line>with the connected services that send webhooks' -ForEach @(
        @{ Line = 'Start-WebhookListener -Prefix http://127.0.0.1:9/ -Service ' }
        @{ Line = 'ConvertFrom-WebhookEvent -Service ' }
    ) {
        (Complete $Line).CompletionText | Should -Be @('Danim', 'DeepMotion', 'HourOne', 'Teleport')
    }
}

Describe 'Tab while the service is slow' {
    BeforeAll {
        $sessions = Connect-Everything
        $rid = (Get-Item (Join-Path $assets 'jump.mp4') | Send-Video | Start-AnimationJob -Format bvh).Rid
        $eids = (Invoke-EmulatorControl $emulator 'teleport/captures/seed' @{ count = 1; name = 'Slow hall' }).eids
        $hourOneId = (New-HourOneVideo -SourceDraftId demo-draft -Name 'Slow update').VideoId
    }

    AfterAll {
        $sessions | Disconnect-AnimationService
    }

    It 'returns within a moment while <Service> takes 10 s, then offers the ids the slow answer brought' -ForEach @(
        @{ Line = 'Get-AnimationJob -Id '; Service = 'deepmotion'; Path = '^/deepmotion/list'; Variable = 'rid' }
        @{ Line = 'Get-TeleportCapture -Eid '; Service = 'teleport'; Path = '^/teleport/api/v1/captures$'; Variable = 'eids' }
        @{ Line = 'Get-HourOneVideo -Id '; Service = 'hourone'; Path = '^/hourone/api/v1/videos$'; Variable = 'hourOneId' }
    ) {
        # A session of its own, so that no list of it is cached yet.
        $fresh = switch ($Service) {
            'deepmotion' { Connect-DeepMotion -Credential (New-TestCredential) -Endpoint $emulator.DeepMotion -PassThru }
            'teleport' { Connect-Teleport -Credential (New-TestCredential) -Endpoint $emulator.Teleport -TokenEndpoint $tokenEndpoint -PassThru }
            'hourone' { Connect-HourOne -ApiKey (ConvertTo-SecureString 'demo-api-key' -AsPlainText -Force) -Endpoint $emulator.HourOne -PassThru }
        }
        try {
            Clear-EmulatorRequest $emulator
            $null = Invoke-EmulatorControl $emulator 'faults' @{ service = $Service; method = 'GET'; path = $Path; kind = 'delay'; delayMs = 10000 }
            $started = [DateTime]::UtcNow

            $first = Measure-Command { $script:offered = Complete $Line }
            $first.TotalSeconds | Should -BeLessThan 3
            $script:offered | Where-Object ResultType -EQ ParameterValue | Should -BeNullOrEmpty

            # Another Tab while the answer is still on its way waits the same moment and asks nothing more.
            (Measure-Command { $null = Complete $Line }).TotalSeconds | Should -BeLessThan 3

            $expected = @((Get-Variable $Variable).Value)[0]
            # The emulator logs a request when it arrives; the delayed answer comes 10 s later and fills the cache.
            $answered = $started.AddSeconds(10.5)
            while ([DateTime]::UtcNow -lt $answered) { Start-Sleep -Milliseconds 200 }
            $later = Measure-Command { $script:filled = Complete $Line }
            $later.TotalSeconds | Should -BeLessThan 1
            $script:filled.CompletionText | Should -Contain $expected
            Get-ListRequest $Service $Path | Should -HaveCount 1
        }
        finally {
            Invoke-RestMethod -Method Delete -Uri "$($emulator.Control)/faults" | Out-Null
            $fresh | Disconnect-AnimationService
        }
    }
}
