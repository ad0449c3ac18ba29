<#
.SYNOPSIS
    An example of a user's runbook: animates every video of a folder with DeepMotion.
.DESCRIPTION
    Invoke-AnimationBatch.Tests.ps1 beside it shows how to test such a script: with mocks of the module's cmdlets
    (fast, no service) and against the emulator (the real thing, end to end).
.EXAMPLE
    Connect-DeepMotion -Credential $cred
    Invoke-AnimationBatch -Path ./videos -Destination ./anim -Wait
#>
function Invoke-AnimationBatch {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Destination,
        [string[]] $Format = @('bvh'),
        # Wait for the jobs and return their results instead of the jobs.
        [switch] $Wait,
        [int] $TimeoutSeconds = 1800
    )

    $videos = Get-ChildItem -LiteralPath $Path -Filter *.mp4 -File
    if (-not $videos) {
        Write-Warning "No .mp4 files in $Path."
        return
    }
    $jobs = $videos | Send-Video | Start-AnimationJob -Format $Format -Destination $Destination
    if (-not $Wait) {
        return $jobs
    }
    $finished = $jobs | Wait-Job -Timeout $TimeoutSeconds
    $unfinished = $jobs | Where-Object { $_ -notin $finished }
    if ($unfinished) {
        $unfinished | Stop-Job
        throw "$(@($unfinished).Count) animation job(s) did not finish within $TimeoutSeconds s."
    }
    $finished | Receive-Job
}
