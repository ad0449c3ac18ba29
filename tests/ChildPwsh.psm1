<#
.SYNOPSIS
    Runs a script block in a new pwsh of this version, optionally under a profile of its own, for the Pester suites
    that need a fresh process (a package installed for the current user, assemblies loaded before the module).
#>

Set-StrictMode -Version Latest

# On Linux and macOS a user's profile follows HOME: PowerShell's CurrentUser module folder and PSResourceGet's
# repository list. The XDG variables are unset, since pwsh honours XDG_DATA_HOME for its module path but
# Install-PSResource -Scope CurrentUser always writes under HOME/.local/share. (Windows places them by known folders,
# not by the environment: there a child would share the real profile.)
$script:ProfileVariables = 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME'

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs -ScriptBlock in a child pwsh; returns its output (deserialized objects), its errors and its exit code.
    .PARAMETER ProfileRoot
        A folder that becomes the child's HOME (Linux, macOS). PSModulePath and the XDG folders are then unset for
        the child, which computes its default module path from that profile only.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [object[]] $ArgumentList = @(),
        [string] $ProfileRoot
    )

    # 'dotnet pwsh' runs pwsh.dll under the dotnet host.
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $command = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($command[0]) -eq 'dotnet' -and (Test-Path $dll)) { $command += $dll }

    $names = @($script:ProfileVariables) + 'PSModulePath'
    $saved = @{}
    foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        if ($ProfileRoot) {
            foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $null) }
            # .NET answers an empty path for a special folder that does not exist, and NuGet (under PSResourceGet)
            # would then write NuGet/NuGet.Config into the current directory.
            $null = New-Item -ItemType Directory -Force -Path (Join-Path $ProfileRoot '.config'), (Join-Path $ProfileRoot '.local/share'), (Join-Path $ProfileRoot '.cache')
            [Environment]::SetEnvironmentVariable('HOME', $ProfileRoot)
        }
        $all = @(& $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $ScriptBlock -args $ArgumentList 2>&1)
        $exitCode = $LASTEXITCODE
    }
    finally {
        foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    [pscustomobject]@{
        Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" })
        ExitCode = $exitCode
    }
}

Export-ModuleMember -Function Invoke-ChildPwsh
