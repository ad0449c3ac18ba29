<#
.SYNOPSIS
    Starts and stops the project's emulator as a child process, for the demo and the Pester suites.
#>

Set-StrictMode -Version Latest

$script:RepoRoot = Split-Path -Parent $PSScriptRoot

function Get-EmulatorAssembly {
    param([string] $Configuration)

    $candidates = foreach ($name in $(if ($Configuration) { $Configuration } else { 'Debug', 'Release' })) {
        $path = Join-Path $script:RepoRoot "src/AnimationTools.Emulator/bin/$name/net10.0/AnimationTools.Emulator.dll"
        if (Test-Path -LiteralPath $path) { Get-Item -LiteralPath $path }
    }
    $newest = $candidates | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $newest) {
        throw "The emulator is not built. Run 'dotnet pwsh ./build.ps1 Build' first."
    }
    $newest.FullName
}

function Test-PortFree {
    param([int] $Port)

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $Port)
    try {
        $listener.Start()
        $true
    }
    catch [System.Net.Sockets.SocketException] {
        $false
    }
    finally {
        $listener.Stop()
    }
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on 127.0.0.1 and returns its service endpoints once it listens.
    .PARAMETER Port
        0 (the default) picks a free port.
    .PARAMETER JobSeconds
        How long a DeepMotion job takes from POST /process to its end.
    #>
    [CmdletBinding()]
    param(
        [ValidateRange(0, 65535)]
        [int] $Port = 0,

        [double] $JobSeconds = 1,

        [string] $Configuration
    )

    if ($Port -ne 0 -and -not (Test-PortFree $Port)) {
        throw "Port $Port on 127.0.0.1 is already in use: pass -Port with a free port, or -Port 0 to pick one."
    }

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in (Get-EmulatorAssembly $Configuration), '--urls', "http://127.0.0.1:$Port", '--job-seconds', [string]$JobSeconds) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $errorText = $process.StandardError.ReadToEndAsync()

    $endpoints = [ordered]@{}
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    # One read at a time: a slow start (a loaded machine) leaves a read pending, and a second read would throw.
    $next = $null
    while ([DateTime]::UtcNow -lt $deadline -and -not $endpoints.Contains('control')) {
        if ($null -eq $next) { $next = $process.StandardOutput.ReadLineAsync() }
        if (-not $next.Wait([TimeSpan]::FromSeconds(1))) {
            continue
        }
        $line = $next.Result
        $next = $null
        if ($null -eq $line) { break }
        if ($line -match '^([\w-]+):\s*(\S+)$') {
            $endpoints[$Matches[1]] = $Matches[2]
        }
    }

    if (-not $endpoints.Contains('control')) {
        if (-not $process.HasExited) { $process.Kill() }
        $null = $process.WaitForExit(5000)
        $reason = ($errorText.Result -split "`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1)
        $process.Dispose()
        throw "The emulator did not start$(if ($reason) { ": $($reason.Trim())" } else { '.' })"
    }

    [pscustomobject]@{
        PSTypeName = 'AnimationTools.TestEmulator'
        BaseUrl    = ([uri]$endpoints['control']).GetLeftPart([UriPartial]::Authority)
        DeepMotion = $endpoints['deepmotion']
        AvatarSdk  = $endpoints['avatarsdk']
        HourOne    = $(if ($endpoints.Contains('hourone')) { "$($endpoints['hourone'])/api/v1" })
        Teleport   = $endpoints['teleport']
        TeleportSignin = $endpoints['teleport-signin']
        Danim      = $endpoints['danim']
        Control    = $endpoints['control']
        Endpoints  = $endpoints
        Process    = $process
    }
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)

    process {
        if ($null -eq $Emulator) { return }
        if (-not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill()
            $null = $Emulator.Process.WaitForExit(5000)
        }
        $Emulator.Process.Dispose()
    }
}

function Invoke-EmulatorControl {
    <#
    .SYNOPSIS
        Calls the emulator's control API: GET without -Body, POST with it (e.g. 'reset', 'requests').
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Route,
        $Body
    )

    $uri = "$($Emulator.Control)/$($Route.TrimStart('/'))"
    $answer = if ($PSBoundParameters.ContainsKey('Body')) {
        Invoke-RestMethod -Method Post -Uri $uri -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 10 -Compress)
    }
    else {
        Invoke-RestMethod -Method Get -Uri $uri
    }
    # Invoke-RestMethod writes a JSON array as one object; callers filter its items.
    $answer
}

function Get-EmulatorRequest {
    <#
    .SYNOPSIS
        The requests the emulator received for one service, in order (method, path, query, status ...).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Service)
    Invoke-EmulatorControl $Emulator "requests?service=$Service"
}

function Clear-EmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Emulator.Control)/requests"
}

function New-TestCredential {
    param([string] $UserName = 'demo', [string] $Secret = 'demo-secret')
    [pscredential]::new($UserName, (ConvertTo-SecureString $Secret -AsPlainText -Force))
}

Export-ModuleMember -Function Start-TestEmulator, Stop-TestEmulator, Invoke-EmulatorControl, Get-EmulatorRequest, Clear-EmulatorRequest, New-TestCredential
