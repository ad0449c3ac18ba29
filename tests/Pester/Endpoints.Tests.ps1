# docs/endpoints.md checked against what runs: the emulator's registered routes (GET /_emulator/routes), the module's
# cmdlets and client methods, and the test files it names. Plus the routes no other test reaches.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../TestEmulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../AnimationTools.psd1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $emulator = Start-TestEmulator -JobSeconds 1
    $routes = @((Invoke-WebRequest "$($emulator.Control)/routes").Content | ConvertFrom-Json)
    $serviceRoutes = @($routes | Where-Object { -not $_.control })

    function Get-RouteKey($Route) {
        $methods = if (@($Route.methods).Count -gt 0) { @($Route.methods) -join ',' } else { 'ANY' }
        "$methods $($Route.route)"
    }

    # Code spans of a cell, e.g. `Send-Video -SinglePut`.
    function Get-Span([string] $Cell) {
        [regex]::Matches($Cell, '`([^`]+)`') | ForEach-Object { $_.Groups[1].Value }
    }

    # The markdown tables of the page whose first header is one of $FirstHeaders, as rows of named cells.
    function Read-DocTable([string] $Path, [string[]] $FirstHeaders) {
        $lines = Get-Content -LiteralPath $Path
        $section = ''
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^## (.+)$') { $section = $Matches[1]; continue }
            if ($lines[$i] -notmatch '^\|' -or $i + 1 -ge $lines.Count -or $lines[$i + 1] -notmatch '^\|[-| ]+\|$') { continue }
            $headers = Split-DocRow $lines[$i]
            $i += 2
            while ($i -lt $lines.Count -and $lines[$i] -match '^\|') {
                if ($FirstHeaders -contains $headers[0]) {
                    $cells = Split-DocRow $lines[$i]
                    $row = [ordered]@{ Section = $section; Line = $i + 1; Text = $lines[$i]; Kind = $headers[0]; CellCount = $cells.Count }
                    for ($c = 0; $c -lt $headers.Count; $c++) { $row[$headers[$c]] = if ($c -lt $cells.Count) { $cells[$c] } else { '' } }
                    [pscustomobject]$row
                }
                $i++
            }
        }
    }

    function Split-DocRow([string] $Line) {
        $inner = $Line.Trim()
        $inner = $inner.Substring(1, $inner.Length - 2)
        # A pipe inside a cell is written \| (GitHub's table syntax).
        [regex]::Split($inner, '(?<!\\)\|') | ForEach-Object { $_.Trim() -replace '\\\|', '|' }
    }

    $docPath = Join-Path $repo 'docs/endpoints.md'
    $rows = @(Read-DocTable $docPath 'Spec endpoint')
    $otherRows = @(Read-DocTable $docPath 'Emulator route')
    $routePattern = '^(ANY|[A-Z]+(,[A-Z]+)*) /\S*$'
    $documentedRoutes = @(
        $rows | ForEach-Object { Get-Span $_.'Emulator route' }
        $otherRows | ForEach-Object { Get-Span $_.'Emulator route' }
    ) | Where-Object { $_ -match $routePattern }

    $assembly = (Get-Command Send-Video).ImplementingType.Assembly
    $types = try { $assembly.GetTypes() } catch [System.Reflection.ReflectionTypeLoadException] { $_.Exception.Types | Where-Object { $_ } }
    $anyMember = [System.Reflection.BindingFlags]'Public,NonPublic,Instance,Static'
    $clientMethods = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($type in $types) {
        foreach ($method in $type.GetMethods($anyMember)) { $null = $clientMethods.Add("$($type.Name).$($method.Name)") }
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -EQ 'AnimationToolsJob' | Remove-Job -Force
    $emulator | Stop-TestEmulator
}

Describe 'GET /_emulator/routes' {
    It 'lists every route of every service, at least as many as today' {
        $expected = @{ deepmotion = 25; avatarsdk = 42; hourone = 14; teleport = 14; 'teleport-signin' = 1; danim = 12 }
        foreach ($service in $expected.Keys) {
            @($serviceRoutes | Where-Object service -EQ $service).Count | Should -BeGreaterOrEqual $expected[$service] -Because "$service registers that many routes"
        }
        $keys = $serviceRoutes | ForEach-Object { Get-RouteKey $_ }
        $keys | Should -Contain 'POST /deepmotion/process'
        $keys | Should -Contain 'GET,HEAD /deepmotion/storage/results/{rid}/{**file}'
        $keys | Should -Contain 'PATCH /avatarsdk/avatars/{code}/'
        $keys | Should -Contain 'ANY /danim/write/video/create'
        $keys | Should -Contain 'PUT /teleport/_s3/uploads/{eid}/parts/{part:int}'
        $keys | Should -Contain 'POST /teleport-signin/oauth2/token'
    }

    It 'marks the control routes, itself among them, and only those' {
        $control = @($routes | Where-Object control)
        $control | ForEach-Object { $_.route | Should -BeLike '/_emulator/*' }
        $control | ForEach-Object { Get-RouteKey $_ } | Should -Contain 'GET /_emulator/routes'
        $serviceRoutes | ForEach-Object { $_.route | Should -Not -BeLike '/_emulator/*' }
        # The only route of no service is the emulator-wide fallback.
        @($serviceRoutes | Where-Object { $null -eq $_.service }).route | Should -Be @('/{*path:nonfile}')
        ($serviceRoutes | Where-Object fallback).route | Should -Contain '/danim/{**path}'
    }
}

Describe 'docs/endpoints.md' {
    It 'has a table for every service' {
        $rows.Count | Should -BeGreaterThan 100
        foreach ($section in 'DeepMotion', 'Avatar SDK', 'Hour One', 'Teleport', 'Danim') {
            @($rows | Where-Object Section -Like "*$section*").Count | Should -BeGreaterThan 0 -Because "a section covers $section"
        }
    }

    It 'has a row for every route the emulator registers' {
        $missing = $serviceRoutes | ForEach-Object { Get-RouteKey $_ } | Where-Object { $documentedRoutes -notcontains $_ }
        $missing | Should -BeNullOrEmpty -Because 'every emulator route needs a row in docs/endpoints.md'
    }

    It 'names only routes the emulator registers' {
        # Control routes count too: rows of endpoints that are not emulated name the control route standing for them.
        $known = $routes | ForEach-Object { Get-RouteKey $_ }
        $stale = $documentedRoutes | Where-Object { $known -notcontains $_ }
        $stale | Should -BeNullOrEmpty
    }

    It 'has no empty cell' {
        $empty = foreach ($row in @($rows) + @($otherRows)) {
            $headers = $row.PSObject.Properties.Name | Where-Object { $_ -notin 'Section', 'Line', 'Text', 'Kind', 'CellCount' }
            if ($row.CellCount -ne @($headers).Count) { "line $($row.Line): $($row.CellCount) cells for $(@($headers).Count) columns" }
            foreach ($header in $headers) {
                if ($row.$header -match '^[\s\-—–]*$') { "line $($row.Line): empty '$header'" }
            }
        }
        $empty | Should -BeNullOrEmpty
    }

    It 'gives a route, or says it is not emulated or outbound, on every row' {
        $bad = foreach ($row in $rows) {
            $cell = $row.'Emulator route'
            if (-not (Get-Span $cell | Where-Object { $_ -match $routePattern }) -and $cell -notmatch '^(not emulated|outbound): \S') { "line $($row.Line): $cell" }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'names a cmdlet on every row, or says why none reaches the endpoint' {
        $bad = foreach ($row in $rows) {
            $cell = $row.'Cmdlet (parameter)'
            if ($cell -match '^not exposed:(.*)$') {
                if ($Matches[1].Trim().Length -lt 10) { "line $($row.Line): 'not exposed:' without a reason" }
            }
            elseif (-not (Get-Span $cell | Where-Object { $_ -match '^[A-Z][a-z]+-[A-Z]\w+' })) { "line $($row.Line): no cmdlet in '$cell'" }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'names only cmdlets the module exports, with parameters they have' {
        $exported = @{}
        Get-Command -Module AnimationTools | ForEach-Object { $exported[$_.Name] = $_ }
        $bad = foreach ($row in $rows) {
            $command = $null
            foreach ($span in Get-Span $row.'Cmdlet (parameter)') {
                $words = $span -split ' '
                if ($words[0] -match '^[A-Z][a-z]+-[A-Z]\w+$') {
                    $command = $exported[$words[0]]
                    if (-not $command) { "line $($row.Line): $($words[0]) is not a cmdlet of the module"; continue }
                    $parameters = $words | Select-Object -Skip 1 | Where-Object { $_ -like '-*' }
                }
                elseif ($span -match '^-\w+$' -and $command) {
                    # A parameter in brackets after its cmdlet: `Get-CharacterModel -Id` (`-Search`).
                    $parameters = @($span)
                }
                else { continue }
                foreach ($parameter in $parameters) {
                    if (-not $command.Parameters.ContainsKey($parameter.TrimStart('-'))) { "line $($row.Line): $($command.Name) has no $parameter" }
                }
            }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'names only client methods the module has' {
        $bad = foreach ($row in $rows) {
            $cell = $row.'Client method'
            $methods = @(Get-Span $cell | Where-Object { $_ -match '^[A-Z]\w*\.[A-Z]\w*$' })
            if ($methods.Count -eq 0 -and $cell -notmatch '^none: \S') { "line $($row.Line): no Type.Method in '$cell'" }
            foreach ($name in $methods) {
                if (-not $clientMethods.Contains($name)) { "line $($row.Line): no method $name in $($assembly.GetName().Name)" }
            }
        }
        $bad | Should -BeNullOrEmpty
    }

    It 'names a test that exists for every endpoint the emulator serves' {
        $bad = foreach ($row in @($rows) + @($otherRows)) {
            $cell = $row.Test
            $tests = @([regex]::Matches($cell, '`([^`]+\.(?:cs|ps1))`\s*›\s*`([^`]+)`'))
            if ($tests.Count -eq 0) {
                $notEmulated = $row.Kind -eq 'Spec endpoint' -and $row.'Emulator route' -match '^not emulated: '
                if (-not ($notEmulated -and $cell -match '^none: \S')) { "line $($row.Line): no test in '$cell'" }
            }
            foreach ($test in $tests) {
                $file, $name = $test.Groups[1].Value, $test.Groups[2].Value
                $path = Join-Path $repo $file
                if (-not (Test-Path -LiteralPath $path)) { "line $($row.Line): no file $file"; continue }
                $text = Get-Content -Raw -LiteralPath $path
                $declared = if ($file -like '*.ps1') { $text.Contains("It '$name'") } else { $text -match "\b$([regex]::Escape($name))\s*\(" }
                if (-not $declared) { "line $($row.Line): $file has no test '$name'" }
            }
        }
        $bad | Should -BeNullOrEmpty
    }
}

Describe 'Emulator routes that no cmdlet reaches' {
    BeforeAll {
        $assets = Join-Path $PSScriptRoot '../assets'
        $deepMotion = Connect-DeepMotion -Credential (New-TestCredential) -Endpoint $emulator.DeepMotion -PollIntervalSeconds 0.25 -PassThru
        # The service's own cookie session, for calls no cmdlet makes.
        $null = Invoke-WebRequest "$($emulator.DeepMotion)/session/auth" -Authentication Basic -Credential (New-TestCredential) -AllowUnencryptedAuthentication -SessionVariable dmsess
        $avatarSdk = Connect-AvatarSdk -Credential (New-TestCredential) -Endpoint $emulator.AvatarSdk -PollIntervalSeconds 0.25 -PassThru
        $token = (Invoke-RestMethod -Method Post "$($emulator.AvatarSdk)/o/token/" -Body @{ grant_type = 'client_credentials'; client_id = 'demo'; client_secret = 'demo-secret' }).access_token
        $bearer = @{ Authorization = "Bearer $token" }
        $null = Invoke-EmulatorControl $emulator 'teleport/config' @{ processingMs = 300 }
        $teleport = Connect-Teleport -Credential (New-TestCredential) -Endpoint $emulator.Teleport -TokenEndpoint "$($emulator.TeleportSignin)/oauth2/token" -PollIntervalSeconds 0.25 -PassThru
    }

    AfterAll {
        $deepMotion, $avatarSdk, $teleport | Where-Object { $_ } | Disconnect-AnimationService
    }

    It 'serves the input video of a job at the input URL of its download answer' {
        $video = Join-Path $assets 'walk.mp4'
        $job = Send-Video -LiteralPath $video -Session $deepMotion | Start-AnimationJob -Format bvh -Session $deepMotion
        $job | Wait-Job -Timeout 60 | Should -Not -BeNullOrEmpty
        $answer = Invoke-RestMethod "$($emulator.DeepMotion)/download/$($job.Rid)" -WebSession $dmsess
        $inputUrl = $answer.links[0].input
        $inputUrl | Should -BeLike '*/deepmotion/storage/results/*/input/walk.mp4'
        $bytes = (Invoke-WebRequest $inputUrl).Content
        [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)) | Should -Be (Get-FileHash $video -Algorithm SHA256).Hash
    }

    It 'serves the generated thumbnail at the URL the model list gives' {
        $modelPath = Join-Path $TestDrive 'robot.fbx'
        $bytes = [byte[]]::new(64 * 1024)
        [Text.Encoding]::ASCII.GetBytes("Kaydara FBX Binary  `0").CopyTo($bytes, 0)
        [IO.File]::WriteAllBytes($modelPath, $bytes)
        $model = Send-CharacterModel -Path $modelPath -CreateThumbnail -Session $deepMotion
        $thumbnail = (Get-CharacterModel -Id $model.Id -Session $deepMotion).Thumbnail
        $thumbnail | Should -BeLike '*/deepmotion/storage/static/thumbnail.png'
        $png = (Invoke-WebRequest $thumbnail).Content
        [Text.Encoding]::ASCII.GetString($png, 1, 3) | Should -Be 'PNG'
    }

    It 'answers minutesBalance with the number creditBalance gives' {
        $minutes = (Invoke-RestMethod "$($emulator.DeepMotion)/account/minutesBalance" -WebSession $dmsess).minutes
        $minutes | Should -Be (Get-DeepMotionCredit -Session $deepMotion).Credits
    }

    It 'lists the players of the app' {
        $player = Invoke-RestMethod -Method Post "$($emulator.AvatarSdk)/players/" -Headers $bearer -Form @{ comment = 'endpoints' }
        $players = @(Invoke-RestMethod "$($emulator.AvatarSdk)/players/" -Headers $bearer | ForEach-Object { $_ })
        $players.code | Should -Contain $player.code
    }

    It 'serves the texture, one haircut and all haircut point clouds of an avatar' {
        $avatar = New-Avatar -Photo (Join-Path $assets 'pose.jpg') -Parameter @{ haircuts = @{ base = @('female_NewSea_J086f') } } -Session $avatarSdk |
            Wait-Job -Timeout 60 | Receive-Job
        $base = "$($emulator.AvatarSdk)/avatars/$($avatar.Code)"
        $texture = (Invoke-WebRequest "$base/texture/" -Headers $bearer).Content
        $texture[0..1] | Should -Be @(0xFF, 0xD8)
        (Invoke-RestMethod "$base/haircuts/female_NewSea_J086f/" -Headers $bearer).identity | Should -Be 'female_NewSea_J086f'
        $zip = (Invoke-WebRequest "$base/haircuts/pointclouds/" -Headers $bearer).Content
        [Text.Encoding]::ASCII.GetString($zip, 0, 2) | Should -Be 'PK'
    }

    It 'serves a make_public export without a token at its public_file URL' {
        $export = New-Avatar -Photo (Join-Path $assets 'pose.jpg') -Pipeline head_2.0 -ExportParameter @{ format = 'glb'; make_public = $true } -Session $avatarSdk |
            Wait-Job -Timeout 60 | Receive-Job | Get-AvatarExport -Session $avatarSdk
        $export.PublicFile | Should -BeLike '*/avatarsdk/public/*/avatar.zip'
        $zip = (Invoke-WebRequest $export.PublicFile).Content
        [Text.Encoding]::ASCII.GetString($zip, 0, 2) | Should -Be 'PK'
    }

    It 'serves the share page of a ready capture' {
        $capture = New-TeleportCapture -Path (Join-Path $assets 'walk.mp4') -Name 'Share' -Session $teleport | Wait-Job -Timeout 60 | Receive-Job
        $capture.State | Should -Be 'READY'
        $shareUrl = (Get-TeleportCapture -Eid $capture.Eid -Session $teleport).ShareUrl
        $shareUrl | Should -BeLike "*/teleport/share/$($capture.Sid)"
        $page = Invoke-WebRequest $shareUrl
        $page.StatusCode | Should -Be 200
        $page.Headers['Content-Type'] | Should -BeLike 'text/html*'
    }

    It 'answers an unknown Hour One path the way FastAPI does' {
        $key = @{ 'api-key' = 'demo-api-key' }
        $unknown = Invoke-WebRequest "$($emulator.HourOne)/no-such-thing" -Headers $key -SkipHttpErrorCheck
        $unknown.StatusCode | Should -Be 404
        ($unknown.Content | ConvertFrom-Json).detail | Should -Be 'Not Found'
        $wrongMethod = Invoke-WebRequest -Method Put "$($emulator.HourOne)/videos" -Headers $key -SkipHttpErrorCheck
        $wrongMethod.StatusCode | Should -Be 405
        $wrongMethod.Headers['Allow'] -join ', ' | Should -Be 'GET, POST'
    }

    It 'answers any other request under the part URL host with an S3 error' {
        $answer = Invoke-WebRequest "$($emulator.Teleport)/_s3/uploads/nope/parts/1" -SkipHttpErrorCheck
        $answer.StatusCode | Should -Be 405
        [string]$answer.Content | Should -Match '<Code>MethodNotAllowed</Code>'
    }

    It 'answers an unknown Danim path in its envelope' {
        $answer = Invoke-WebRequest -Method Post "$($emulator.Danim)/write/video/nope" -SkipHttpErrorCheck
        $envelope = $answer.Content | ConvertFrom-Json
        $envelope.success | Should -BeFalse
        $envelope.meta.type | Should -Be 'NotFound'
    }

    It 'answers a path of no service with a 404' {
        $answer = Invoke-WebRequest "$($emulator.BaseUrl)/no-such-service/x" -SkipHttpErrorCheck
        $answer.StatusCode | Should -Be 404
        ($answer.Content | ConvertFrom-Json).message | Should -Not -BeNullOrEmpty
    }
}
