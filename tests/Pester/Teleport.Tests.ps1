# Varjo Teleport tested as a user tests a runbook: real pwsh, the module imported by its manifest, the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $emulator = Start-TestEmulator
    $env:ANIMATIONTOOLS_STATE = Join-Path $TestDrive 'state'
    $tokenEndpoint = "$($emulator.TeleportSignin)/oauth2/token"
    $session = Connect-Teleport -Credential (New-TestCredential) -Endpoint $emulator.Teleport -TokenEndpoint $tokenEndpoint -PollIntervalSeconds 0.25 -PassThru
    $video = Join-Path $PSScriptRoot '../assets/walk.mp4'

    function Reset-Teleport([hashtable] $Config = @{}) {
        Invoke-EmulatorControl $emulator 'reset' @{} | Out-Null
        $Config['processingMs'] = 500
        Invoke-EmulatorControl $emulator 'teleport/config' $Config | Out-Null
    }

    function Add-Fault([hashtable] $Fault) {
        Invoke-EmulatorControl $emulator 'faults' $Fault | Out-Null
    }

    function Get-Upload([string] $Eid) { Invoke-EmulatorControl $emulator "teleport/uploads/$Eid" }

    function Get-OnlyEid { @(Invoke-EmulatorControl $emulator 'teleport/captures')[0].eid }

    # A video of random bytes behind an MP4 box header, so the cmdlet takes it for one.
    function New-TestVideo([string] $Name, [int] $Bytes) {
        $data = [byte[]]::new($Bytes)
        [Random]::new($Bytes).NextBytes($data)
        [byte[]](0, 0, 0, 0x18) + [Text.Encoding]::ASCII.GetBytes('ftypisom') | ForEach-Object -Begin { $i = 0 } -Process { $data[$i++] = $_ }
        $path = Join-Path $TestDrive $Name
        [IO.File]::WriteAllBytes($path, $data)
        $path
    }

    function Get-Sha256([byte[]] $Bytes) { [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($Bytes)) }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $session | Disconnect-AnimationService
    Remove-Item Env:ANIMATIONTOOLS_STATE -ErrorAction Ignore
    $emulator | Stop-TestEmulator
}

Describe 'A Teleport runbook' {
    BeforeEach { Reset-Teleport @{ chunkSize = 4096 } }

    It 'turns a video into a real PLY point cloud on disk in one pipeline' {
        $destination = Join-Path $TestDrive 'lobby'
        $saved = New-TeleportCapture -Path $video -Name 'Lobby' -Session $session | Wait-Job -Timeout 60 | Receive-Job |
            Save-TeleportCapture -Profile ply -Quality hd -Destination $destination -Session $session

        $saved | Should -HaveCount 1
        $saved.Name | Should -BeLike '*-hd-point_cloud.ply'
        $bytes = [IO.File]::ReadAllBytes($saved.FullName)
        $end = [Text.Encoding]::ASCII.GetBytes("end_header`n")
        $headerLength = -1
        for ($i = 0; $i -lt 2048; $i++) {
            if ([Linq.Enumerable]::SequenceEqual([byte[]]$bytes[$i..($i + $end.Length - 1)], $end)) { $headerLength = $i + $end.Length; break }
        }
        $headerLength | Should -BeGreaterThan 0
        $header = [Text.Encoding]::ASCII.GetString($bytes, 0, $headerLength) -split "`n"
        $header[0] | Should -Be 'ply'
        $header[1] | Should -Be 'format binary_little_endian 1.0'
        $vertices = [int](($header | Where-Object { $_ -like 'element vertex *' }) -split ' ')[2]
        $vertices | Should -Be 16384
        # float x y z and uchar red green blue: 15 bytes a point, and nothing after the last.
        $bytes.Length | Should -Be ($headerLength + $vertices * 15)
        Get-ChildItem $destination -Filter *.partial | Should -BeNullOrEmpty
    }

    It 'sends a folder of 40 images as a valid zip holding every image' {
        Reset-Teleport @{ chunkSize = 16384 }
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'statue') -Force
        $photo = [IO.File]::ReadAllBytes((Join-Path $PSScriptRoot '../assets/pose.jpg'))
        $expected = @{}
        foreach ($n in 1..40) {
            $name = if ($n % 4 -eq 0) { "side/view$n.jpg" } else { "view$n.jpg" }
            $bytes = $photo + [byte[]](1..$n)
            $path = Join-Path $folder $name
            $null = New-Item -ItemType Directory (Split-Path $path) -Force
            [IO.File]::WriteAllBytes($path, $bytes)
            $expected[$name] = Get-Sha256 $bytes
        }
        Set-Content (Join-Path $folder 'notes.txt') 'not an image'

        $capture = New-TeleportCapture -Path $folder -Name 'Statue' -Session $session | Wait-Job -Timeout 60 | Receive-Job
        $capture.State | Should -Be 'READY'

        $zipPath = Join-Path $TestDrive 'arrived.zip'
        Invoke-WebRequest "$($emulator.Control)/teleport/uploads/$($capture.Eid)/file" -OutFile $zipPath
        $zip = [IO.Compression.ZipFile]::OpenRead($zipPath)
        try {
            $zip.Entries | Should -HaveCount 40
            foreach ($entry in $zip.Entries) {
                $stream = $entry.Open()
                $memory = [IO.MemoryStream]::new()
                $stream.CopyTo($memory)
                $stream.Dispose()
                Get-Sha256 $memory.ToArray() | Should -Be $expected[$entry.FullName]
            }
        }
        finally { $zip.Dispose() }
        (@(Invoke-EmulatorControl $emulator 'teleport/captures')[0]).inputDataFormat | Should -Be 'bulk-images'
        @((Get-Upload $capture.Eid).parts).Count | Should -BeGreaterThan 10
    }

    It 'lists, renames and removes captures from the pipeline' {
        $null = New-TeleportCapture -Path $video -Session $session | Wait-Job -Timeout 60
        Invoke-EmulatorControl $emulator 'teleport/captures/seed' @{ count = 3; state = 'FAILED'; errorReason = 'CONVERSION_FAILED' } | Out-Null
        Get-TeleportCapture -Session $session | Should -HaveCount 4
        Get-TeleportCapture -Session $session | Where-Object State -eq FAILED | Remove-TeleportCapture -Confirm:$false -Session $session
        $left = Get-TeleportCapture -Session $session
        $left | Should -HaveCount 1
        $left | Rename-TeleportCapture -NewName 'Renamed by Pester' -Session $session
        (Get-TeleportCapture -Eid $left.Eid -Session $session).Name | Should -Be 'Renamed by Pester'
    }

    It 'sends nothing with -WhatIf' {
        Clear-EmulatorRequest $emulator
        New-TeleportCapture -Path $video -Session $session -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator teleport) | Should -HaveCount 0
    }
}

Describe 'Teleport uploads that survive failures' {
    BeforeEach { Reset-Teleport @{ chunkSize = 65536 } }

    It 'retries a part that fails twice alone' {
        $path = New-TestVideo 'twice.mp4' (65536 * 4 + 100)
        Add-Fault @{ service = 'teleport'; method = 'PUT'; path = '^/teleport/_s3/uploads/[^/]+/parts/2$'; kind = 'drop'; afterBytes = 1000; count = 2 }
        $null = New-TeleportCapture -Path $path -Session $session -ErrorAction Stop
        $parts = (Get-Upload (Get-OnlyEid)).parts
        ($parts | Where-Object number -EQ 2).attempts | Should -Be 3
        $parts | Where-Object number -NE 2 | ForEach-Object { $_.attempts | Should -Be 1 }
        $parts | ForEach-Object { $_.puts | Should -Be 1 }
    }

    It 'renews an expired part URL' {
        Reset-Teleport @{ chunkSize = 65536; partUrlLifetimeSeconds = 1 }
        $path = New-TestVideo 'expired.mp4' (65536 * 3)
        Add-Fault @{ service = 'teleport'; method = 'PUT'; path = '^/teleport/_s3/uploads/[^/]+/parts/3$'; kind = 'delay'; delayMs = 1600 }
        $null = New-TeleportCapture -Path $path -Session $session -ErrorAction Stop
        @(Get-EmulatorRequest $emulator teleport | Where-Object { $_.method -eq 'PUT' -and $_.path -like '*/parts/3' -and $_.status -eq 403 }) | Should -HaveCount 1
        ((Get-Upload (Get-OnlyEid)).parts | Where-Object number -EQ 3).urlsIssued | Should -Be 2
    }

    It 'reports a wrong ETag at completion as a typed error, and a rerun sends only that part' {
        $path = New-TestVideo 'etag.mp4' (65536 * 3 + 10)
        Add-Fault @{ service = 'teleport'; method = 'PUT'; path = '^/teleport/_s3/uploads/[^/]+/parts/2$'; kind = 'replaceBody'; body = ''; headers = @{ ETag = '"00000000000000000000000000000000"' } }
        $caught = try { New-TeleportCapture -Path $path -Session $session -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Teleport.Upload.InvalidETag*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidData'
        $caught.Exception.Message | Should -BeLike '*part(s) 2*'

        $capture = New-TeleportCapture -Path $path -Session $session | Wait-Job -Timeout 60 | Receive-Job
        $capture.State | Should -Be 'READY'
        $parts = (Get-Upload $capture.Eid).parts
        ($parts | Where-Object number -EQ 2).puts | Should -Be 2
        $parts | Where-Object number -NE 2 | ForEach-Object { $_.puts | Should -Be 1 }
    }

    It 'continues an interrupted 200 MB upload by a rerun, sending no part twice' {
        Reset-Teleport @{ storeUploads = $false }
        $path = Join-Path $TestDrive 'big.mp4'
        $file = [IO.File]::Create($path)
        $box = [byte[]]((0, 0, 0, 0x18) + [Text.Encoding]::ASCII.GetBytes('ftypisom'))
        $file.Write($box, 0, $box.Length)
        $file.SetLength(200MB)
        $file.Dispose()
        # The network goes after ten parts: every further PUT breaks.
        Add-Fault @{ service = 'teleport'; method = 'PUT'; path = '^/teleport/_s3/'; kind = 'drop'; afterBytes = 0; skip = 10; count = 100000 }

        $caught = try { New-TeleportCapture -Path $path -Session $session -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Teleport.UploadFailed*'
        $eid = Get-OnlyEid
        @((Get-Upload $eid).parts | Where-Object puts -EQ 1) | Should -HaveCount 10

        $null = Invoke-RestMethod -Method Delete "$($emulator.Control)/faults"
        $capture = New-TeleportCapture -Path $path -Session $session | Wait-Job -Timeout 120 | Receive-Job
        $capture.Eid | Should -Be $eid
        @(Invoke-EmulatorControl $emulator 'teleport/captures') | Should -HaveCount 1
        $upload = Get-Upload $eid
        $upload.completed | Should -BeTrue
        $upload.parts | Should -HaveCount 40
        $upload.parts | ForEach-Object { $_.puts | Should -Be 1 }
    }
}

Describe 'Teleport webhooks' {
    BeforeAll {
        $secret = 'whsec_pester'
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $prefix = "http://127.0.0.1:$port/teleport/"
        $slow = Connect-Teleport -Credential (New-TestCredential) -Endpoint $emulator.Teleport -TokenEndpoint $tokenEndpoint -PollIntervalSeconds 30 -PassThru
        function Send-Event([string] $Body, [string] $Signature) {
            $headers = @{}
            if ($Signature) { $headers['X-Teleport-Signature'] = $Signature }
            try { (Invoke-WebRequest -Method Post $prefix -Body $Body -ContentType 'application/json' -Headers $headers).StatusCode }
            catch { [int]$_.Exception.Response.StatusCode }
        }
        function Get-Signature([string] $Body, [string] $Key = $secret) {
            $hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Key))
            -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($Body)) | ForEach-Object { $_.ToString('x2') })
        }
    }
    AfterAll { $slow | Disconnect-AnimationService }
    BeforeEach { Reset-Teleport }
    AfterEach { Get-Job | Where-Object Name -Like 'WebhookListener*' | Remove-Job -Force }

    It 'rejects forged events and completes nothing with them' {
        Invoke-EmulatorControl $emulator 'teleport/config' @{ processingMs = 60000 } | Out-Null
        $listener = Start-WebhookListener -Service Teleport -SigningSecret $secret -Prefix $prefix -Session $slow -FallbackPollSeconds 600
        $job = New-TeleportCapture -Path $video -Session $slow
        $body = '{"eid":"' + $job.Eid + '","sid":"x","state":"READY"}'

        Send-Event $body $null | Should -Be 401
        Send-Event $body (Get-Signature $body 'a-guess') | Should -Be 401
        Start-Sleep -Milliseconds 300
        $job.JobStateInfo.State | Should -Be 'Running'
        $listener.Rejected | Should -Be 2
        $null = $listener | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable rejected
        $rejected | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'Teleport.Webhook.InvalidSignature' }
    }

    It 'completes a job from a verified event long before its next poll' {
        Invoke-EmulatorControl $emulator 'teleport/webhook' @{ url = $prefix; secret = $secret } | Out-Null
        $listener = Start-WebhookListener -Service Teleport -SigningSecret $secret -Prefix $prefix -Session $slow -FallbackPollSeconds 600
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $job = New-TeleportCapture -Path $video -Session $slow
        $job | Wait-Job -Timeout 20 | Out-Null
        $job.JobStateInfo.State | Should -Be 'Completed'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $event = $listener | Receive-Job
        $event.Service | Should -Be 'Teleport'
        $event.EventType | Should -Be 'capture.ready'
        $event.Id | Should -Be $job.Eid
    }
}

Describe 'Teleport errors a runbook can handle' {
    BeforeEach { Reset-Teleport }

    It 'refuses wrong credentials with a typed error' {
        $caught = try { Connect-Teleport -Credential (New-TestCredential -Secret 'wrong') -Endpoint $emulator.Teleport -TokenEndpoint $tokenEndpoint } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Teleport.AuthenticationFailed*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'names the field of a 422' {
        Invoke-EmulatorControl $emulator 'teleport/captures/seed' @{ count = 1 } | Out-Null
        $caught = try { Get-TeleportCapture -Session $session | Get-TeleportCaptureMetadata -Profile 'bogus' -Session $session -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Teleport.Http.422*'
        $caught.TargetObject | Should -BeLike 'profiles*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'fails the job of a failed capture with its reason' {
        Invoke-EmulatorControl $emulator 'teleport/next-capture' @{ errorReason = 'NOT_ENOUGH_FRAMES' } | Out-Null
        $job = New-TeleportCapture -Path $video -Session $session
        $job | Wait-Job -Timeout 60 | Out-Null
        $job.JobStateInfo.State | Should -Be 'Failed'
        $caught = try { $job | Receive-Job -ErrorAction Stop } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'Teleport.Capture.NotEnoughFrames*'
    }
}
