# What the objects of every service look like at 80 columns, as a user sees them in a terminal: real pwsh, the module
# imported by its manifest, objects made by the cmdlets against the emulator, rendered by PowerShell's own formatter.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator -JobSeconds 1
    $env:ANIMATIONTOOLS_STATE = Join-Path $TestDrive 'state'
    $null = Invoke-EmulatorControl $emulator 'danim/config' @{ requestsPerMinute = 10000; pendingMs = 100; generatingMs = 300 }
    $null = Invoke-EmulatorControl $emulator 'hourone/config' @{ startedMs = 100; processingMs = 800 }
    $assets = Join-Path $PSScriptRoot '../assets'
    $out = Join-Path $TestDrive 'out'

    $dm = Connect-DeepMotion -Credential (New-TestCredential) -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25 -PassThru
    $av = Connect-AvatarSdk -Credential (New-TestCredential) -Endpoint $emulator.AvatarSdk -PollIntervalSeconds 0.25 -PassThru
    $ho = Connect-HourOne -ApiKey (ConvertTo-SecureString 'demo-api-key' -AsPlainText -Force) -Endpoint $emulator.HourOne -PollIntervalSeconds 0.25 -PassThru
    $tp = Connect-Teleport -Credential (New-TestCredential) -Endpoint $emulator.Teleport -TokenEndpoint "$($emulator.TeleportSignin)/oauth2/token" -PollIntervalSeconds 0.25 -PassThru
    $da = Connect-Danim -Credential (New-TestCredential) -Endpoint $emulator.Danim -PollIntervalSeconds 0.2 -PassThru

    function Get-FreePrefix([string] $Path) {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        "http://127.0.0.1:$port/$Path/"
    }

    function Wait-Accepted($Listener, [int] $Count = 1) {
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ($Listener.Accepted -lt $Count -and [DateTime]::UtcNow -lt $Deadline) { Start-Sleep -Milliseconds 100 }
    }

    # The table view PowerShell picks for an object: the first of its type names that has one.
    function Get-TableView($Object) {
        foreach ($name in $Object.PSObject.TypeNames) {
            $view = Get-FormatData -TypeName $name -PowerShellVersion $PSVersionTable.PSVersion |
                ForEach-Object FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } |
                Select-Object -First 1
            if ($view) { return $view }
        }
    }

    # What is wrong with how the objects render at 80 columns, default formatting and Format-Table alike; nothing when all is well.
    function Test-View([string] $What, [object[]] $Objects, [scriptblock] $Id) {
        if (-not $Objects) { return "${What}: the cmdlets returned nothing to render" }
        $view = Get-TableView $Objects[0]
        if (-not $view) { return "${What}: no table view for $($Objects[0].PSObject.TypeNames[0])" }
        $labels = $view.Control.Headers.Label
        foreach ($rendering in 'default', 'Format-Table') {
            $text = if ($rendering -eq 'default') { $Objects | Out-String -Width 80 } else { $Objects | Format-Table | Out-String -Width 80 }
            $lines = $text -split '\r?\n'
            foreach ($line in $lines | Where-Object Length -GT 80) { "${What} ($rendering): a line of $($line.Length) characters: $line" }
            $rule = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^\s*-+( +-+)*\s*$' })
            if ($rule -lt 1) { "${What} ($rendering): no table header in`n$text"; continue }
            $header = $lines[$rule - 1] -split '\s+' | Where-Object { $_ }
            foreach ($label in $labels | Where-Object { $_ -notin $header }) { "${What} ($rendering): column $label is missing from the header '$($lines[$rule - 1])'" }
            foreach ($object in $Objects) {
                $value = [string](& $Id $object)
                if ([string]::IsNullOrEmpty($value)) { "${What}: the object has no id to show"; continue }
                if (-not $text.Contains($value)) { "${What} ($rendering): the id $value is not shown whole in`n$text" }
            }
        }
    }

    $upload = Send-Video -LiteralPath (Join-Path $assets 'walk.mp4') -Session $dm
    $animationJob = $upload | Start-AnimationJob -Session $dm -Format bvh, fbx -Destination (Join-Path $out 'anim')
    $avatarJob = New-Avatar -Photo (Join-Path $assets 'pose.jpg') -Pipeline metaperson_2.0 -PipelineSubtype male -ExportParameter @{ format = 'glb' } -Session $av
    $faceJob = New-Avatar -Photo (Join-Path $assets 'pose.jpg') -ModelInfo hair_color, gender -Session $av
    $hourOneJob = New-HourOneVideo -SourceDraftId demo-draft -Name 'Q3 update' -VoiceId demo-voice -Destination (Join-Path $out 'hourone') -Session $ho
    $review = '0b9d6a52-3f1e-4c7a-9e2d-5a8c1f6b7d40'
    $danimJob = New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } -Name 'Views review' -Destination (Join-Path $out 'danim') -Session $da
    $captureJob = New-TeleportCapture -Path (Join-Path $assets 'walk.mp4') -Name 'Lobby' -Session $tp

    $animationResult = $animationJob | Wait-Job -Timeout 60 | Receive-Job -Keep
    $avatar = $avatarJob | Wait-Job -Timeout 60 | Receive-Job -Keep
    $face = $faceJob | Wait-Job -Timeout 60 | Receive-Job -Keep
    $hourOneVideo = $hourOneJob | Wait-Job -Timeout 60 | Receive-Job -Keep
    $danimVideo = $danimJob | Wait-Job -Timeout 60 | Receive-Job -Keep
    $capture = $captureJob | Wait-Job -Timeout 60 | Receive-Job -Keep
    $export = $avatar | Get-AvatarExport -Session $av
    $exportJob = New-AvatarExport -AvatarCode $avatar.Code -ExportParameter @{ format = 'fbx' } -Session $av
    $null = $exportJob | Wait-Job -Timeout 60
    $template = Get-DanimTemplate -Id $review -Session $da
    $captureMetadata = $capture | Get-TeleportCaptureMetadata -Session $tp
    $hourOneMetadata = $hourOneVideo | Get-HourOneVideoMetadata -Session $ho
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $dm, $av, $ho, $tp, $da | Where-Object { $_ } | Disconnect-AnimationService
    Remove-Item Env:ANIMATIONTOOLS_STATE -ErrorAction Ignore
    $emulator | Stop-TestEmulator
}

Describe 'Views at 80 columns' {
    It 'shows sessions and every kind of job with all their columns and whole ids' {
        $listener = Start-WebhookListener -Prefix (Get-FreePrefix 'views') -Session $dm
        try {
            $problems = @(
                Test-View 'sessions' @(Get-AnimationSession) { param($s) $s.Id }
                foreach ($job in $animationJob, $avatarJob, $exportJob, $hourOneJob, $danimJob, $captureJob, $listener) {
                    Test-View $job.GetType().Name @($job) { param($j) $j.RemoteId }
                }
            )
            $problems | Should -BeNullOrEmpty
        }
        finally { $listener | Remove-Job -Force }
    }

    It 'shows DeepMotion objects with all their columns and whole ids' {
        $endpoint = New-WebhookEndpoint -Url 'http://127.0.0.1:9/hook' -Session $dm
        try {
            $problems = @(
                Test-View 'UploadedVideo' @($upload) { param($o) $o.Name }
                Test-View 'VideoInfo' @($upload | Get-VideoInfo -Session $dm) { param($o) $o.Name }
                Test-View 'AnimationResult' @($animationResult) { param($o) $o.Rid }
                Test-View 'AnimationFile' @($animationResult.Files) { param($o) $o.Rid }
                Test-View 'DeepMotionCredit' @(Get-DeepMotionCredit -Session $dm) { param($o) $o.Credits }
                Test-View 'CharacterModel' @(Get-CharacterModel -IncludeStock -Session $dm | Select-Object -First 3) { param($o) $o.Id }
                Test-View 'WebhookEndpoint' @($endpoint) { param($o) $o.Id }
                Test-View 'AnimationJob from Get-AnimationJob' @(Get-AnimationJob -Id $animationJob.Rid -Session $dm) { param($o) $o.Rid }
            )
            $problems | Should -BeNullOrEmpty
        }
        finally { $endpoint | Remove-WebhookEndpoint -Session $dm -Confirm:$false }
    }

    It 'shows Avatar SDK objects with all their columns and whole ids' {
        $problems = @(
            Test-View 'Avatar' @($avatar, $face) { param($o) $o.Code }
            Test-View 'AvatarExport' @($export) { param($o) $o.Code }
            Test-View 'AvatarExportFile' @($export.Files) { param($o) $o.Identity }
            Test-View 'AvatarModelInfo' @($face | Get-AvatarModelInfo -Session $av) { param($o) $o.AvatarCode }
            Test-View 'AvatarSelfie' @(New-AvatarSelfie -Session $av) { param($o) $o.Code }
            Test-View 'AvatarUsage' @(Get-AvatarUsage -Session $av) { param($o) $o.Created }
            Test-View 'AvatarParameter' @(Get-AvatarParameter -Session $av | Select-Object -First 3) { param($o) $o.Name }
            Test-View 'AvatarExportParameter' @(Get-AvatarExportParameter metaperson_2.0 -Session $av | Select-Object -First 3) { param($o) $o.Value }
            Test-View 'AvatarStaticResource' @(Get-AvatarStaticResource -Session $av | Select-Object -First 3) { param($o) $o.Asset }
        )
        $problems | Should -BeNullOrEmpty
    }

    It 'shows Hour One objects with all their columns and whole ids' {
        $problems = @(
            Test-View 'HourOneVideo' @($hourOneVideo) { param($o) $o.Id }
            Test-View 'HourOneVideoMetadata' @($hourOneMetadata) { param($o) $o.Id }
            Test-View 'HourOneSceneTiming' @($hourOneMetadata.Scenes) { param($o) $o.Index }
            Test-View 'HourOneSubtitle' @($hourOneVideo | New-HourOneSubtitle -Language fr -Format vtt -Destination (Join-Path $out 'subtitles') -Session $ho) { param($o) $o.VideoId }
        )
        $problems | Should -BeNullOrEmpty
        # Durations read as a person says them; the object keeps its TimeSpan.
        $hourOneMetadata.Duration | Should -BeOfType [timespan]
        $hourOneMetadata | Out-String -Width 80 | Should -Match '\b12\.8s\b'
    }

    It 'shows Danim objects with all their columns and whole ids' {
        $file = Send-DanimFile -Path (Join-Path $assets 'pose.jpg') -Session $da
        $problems = @(
            Test-View 'DanimVideo' @($danimVideo) { param($o) $o.Id }
            Test-View 'DanimTemplate' @($template) { param($o) $o.Id }
            Test-View 'DanimComposition' @($template.Compositions) { param($o) $o.Id }
            Test-View 'DanimInput' @($template.Compositions[0].Inputs) { param($o) $o.Id }
            Test-View 'DanimFile' @($file) { param($o) $o.Id }
            Test-View 'DanimWorkspace' @(New-DanimWorkspace -Name 'Views' -Session $da) { param($o) $o.Id }
        )
        $problems | Should -BeNullOrEmpty
        # A size reads as a person says it; the object keeps its byte count.
        $file.Size | Should -BeOfType [long]
        $file | Out-String -Width 80 | Should -Match '\b5\.0 KB\b'
    }

    It 'shows Teleport objects with all their columns and whole ids' {
        $problems = @(
            Test-View 'TeleportCapture' @($capture) { param($o) $o.Eid }
            Test-View 'TeleportCaptureMetadata' @($captureMetadata) { param($o) $o.Eid }
            Test-View 'TeleportModel' @($captureMetadata.Models) { param($o) $o.Profile }
        )
        $problems | Should -BeNullOrEmpty
        $captureMetadata.Models[0].Size | Should -BeOfType [long]
        $captureMetadata.Models | Out-String -Width 80 | Should -Match '\d+\.\d (KB|MB)\b'
    }

    It 'shows webhook events of every service with all their columns and whole ids' {
        $prefix = Get-FreePrefix 'deepmotion'
        $listener = Start-WebhookListener -Service DeepMotion -Prefix $prefix -Session $dm
        $endpoint = New-WebhookEndpoint -Url $prefix -Session $dm
        $hourOnePrefix = Get-FreePrefix 'hourone'
        $null = Invoke-EmulatorControl $emulator 'hourone/webhooks' @{ url = $hourOnePrefix; signingSecret = 'whsec-views' }
        $hourOneListener = Start-WebhookListener -Service HourOne -SigningSecret 'whsec-views' -Prefix $hourOnePrefix -Session $ho
        $teleportPrefix = Get-FreePrefix 'teleport'
        $null = Invoke-EmulatorControl $emulator 'teleport/webhook' @{ url = $teleportPrefix; secret = 'whsec-views' }
        $teleportListener = Start-WebhookListener -Service Teleport -SigningSecret 'whsec-views' -Prefix $teleportPrefix -Session $tp
        $danimPrefix = Get-FreePrefix 'danim'
        $danimListener = Start-WebhookListener -Service Danim -Prefix $danimPrefix -Session $da
        try {
            $null = $upload | Start-AnimationJob -Session $dm -Format bvh | Wait-Job -Timeout 60
            $null = New-HourOneVideo -SourceDraftId demo-draft -Session $ho | Wait-Job -Timeout 60
            $null = New-TeleportCapture -Path (Join-Path $assets 'walk.mp4') -Session $tp | Wait-Job -Timeout 60
            $null = New-DanimVideo -TemplateId $review -TemplateData @{ score = 4 } -CallbackUrl ($danimPrefix -replace '^http:', 'http+get:') -Session $da | Wait-Job -Timeout 60
            foreach ($each in $listener, $hourOneListener, $teleportListener, $danimListener) { Wait-Accepted $each }
            $problems = @(
                Test-View 'DeepMotionWebhookEvent' @($listener | Receive-Job) { param($o) $o.Rid }
                Test-View 'HourOneWebhookEvent' @($hourOneListener | Receive-Job) { param($o) $o.VideoId }
                Test-View 'TeleportWebhookEvent' @($teleportListener | Receive-Job) { param($o) $o.Eid }
                Test-View 'DanimCallbackEvent' @($danimListener | Receive-Job) { param($o) $o.VideoId }
            )
            $problems | Should -BeNullOrEmpty
        }
        finally {
            $listener, $hourOneListener, $teleportListener, $danimListener | Remove-Job -Force
            $endpoint | Remove-WebhookEndpoint -Session $dm -Confirm:$false
        }
    }

    It 'shows the percentage of an avatar job' {
        $avatarJob.PercentComplete | Should -Be 100
        $row = ($avatarJob | Out-String -Width 80) -split '\r?\n' | Where-Object { $_ -match [regex]::Escape($avatarJob.Code) }
        $row | Should -Match '\b100%'
        $row | Should -Not -Match '\{'
    }

    It 'shows a webhook listener as a row of the Get-Job table, among the other jobs' {
        $listener = Start-WebhookListener -Prefix (Get-FreePrefix 'get-job') -Session $dm
        try {
            # Only this module's jobs: the other suites of the run may leave PowerShell's own jobs behind.
            $text = Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Out-String -Width 80
            $lines = $text -split '\r?\n'
            # A job that does not fit the table PowerShell started shows as a list of "Name : value" lines instead.
            $lines | Where-Object { $_ -match '^\w+\s+: ' } | Should -BeNullOrEmpty
            $row = $lines | Where-Object { $_ -match "^\s*$($listener.Id) " }
            $row | Should -HaveCount 1
            $row | Should -Match 'Running'
            $row | Should -Match ([regex]::Escape($listener.Prefix))
            foreach ($job in $animationJob, $avatarJob, $hourOneJob, $danimJob, $captureJob) {
                $lines | Where-Object { $_ -match "^\s*$($job.Id) " } | Should -HaveCount 1
            }
        }
        finally { $listener | Remove-Job -Force }
    }

    It 'shows sizes and durations human-readable and keeps the numbers on the objects' {
        $upload.Size | Should -BeOfType [long]
        $upload | Out-String -Width 80 | Should -Match '\b12\.7 KB\b'
        $info = $upload | Get-VideoInfo -Session $dm
        $info | Out-String -Width 80 | Should -Match '\b2\.5s\b'
        $info.Duration | Should -BeOfType [double]
        $hourOneMetadata.Scenes | Out-String -Width 80 | Should -Match '\b5\.8s\b'
        $text = [AnimationTools.Core.Views.ViewText]
        $text::Duration([timespan]::FromSeconds(65)) | Should -Be '1m 05s'
        $text::Duration(59.97) | Should -Be '1m 00s'
        $text::Duration(3725) | Should -Be '1h 02m'
        $text::Size(31334) | Should -Be '30.6 KB'
        $text::Size(812) | Should -Be '812 B'
        $text::Size(1048575) | Should -Be '1.0 MB'
        $text::Size($null) | Should -BeNullOrEmpty
    }
}

Describe 'Files the module writes' {
    BeforeAll {
        # Like Get-ChildItem output: FileInfo objects that render with their folder as a header and every column filled.
        function Test-FileOutput([string] $What, [object[]] $Files) {
            if (-not $Files) { return "${What}: no files" }
            foreach ($file in $Files) {
                if ($file -isnot [System.IO.FileInfo]) { "${What}: $($file.GetType().FullName), not a FileInfo" }
            }
            $text = $Files | Out-String -Width 80
            if ($text -notmatch 'Directory: ') { "${What}: no Directory header in`n$text" }
            $first = $Files[0]
            $row = ($text -split '\r?\n') | Where-Object { $_ -match [regex]::Escape($first.Name.Substring(0, [Math]::Min(12, $first.Name.Length))) } | Select-Object -First 1
            $mode = if ($IsWindows) { '^-a' } else { '^-rw' }
            if ($row -notmatch $mode) { "${What}: the Mode column is empty in '$row'" }
            if ($row -notmatch "\b$($first.Length)\b") { "${What}: the size $($first.Length) is not shown in '$row'" }
        }
    }

    It 'come out of every Save-* cmdlet as FileInfo objects that format like Get-ChildItem' {
        $problems = @(
            Test-FileOutput 'Save-Animation' @(Save-Animation -Rid $animationJob.Rid -Destination (Join-Path $out 'saved') -Session $dm)
            Test-FileOutput 'Save-AvatarExport' @($export | Save-AvatarExport -Destination (Join-Path $out 'export') -Session $av)
            Test-FileOutput 'Save-AvatarAsset' @($face | Save-AvatarAsset -Destination (Join-Path $out 'asset') -Asset Mesh, Thumbnail -Session $av)
            Test-FileOutput 'Save-TeleportCapture' @($capture | Save-TeleportCapture -Profile ply -Quality hd -Destination (Join-Path $out 'teleport') -Session $tp)
            Test-FileOutput 'Save-DanimVideo' @($danimVideo | Save-DanimVideo -Destination (Join-Path $out 'danim-saved') -Session $da)
            Test-FileOutput 'Save-HourOneVideo' @(($hourOneVideo | Save-HourOneVideo -Destination (Join-Path $out 'hourone-saved') -Session $ho).File)
        )
        $problems | Should -BeNullOrEmpty
    }

    It 'are carried as such by the results jobs write' {
        $problems = @(
            Test-FileOutput 'Start-AnimationJob -Destination' @($animationResult.Downloaded)
            Test-FileOutput 'New-HourOneVideo -Destination' @($hourOneVideo.File)
            Test-FileOutput 'New-DanimVideo -Destination' @($danimVideo.File)
        )
        $problems | Should -BeNullOrEmpty
    }
}
