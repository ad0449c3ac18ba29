# Get-Help <cmdlet> -Online opens the cmdlet's page in the project's repository: every cmdlet has a HelpUri, the
# MAML help's first related link is that same page, and the page exists.
BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '../..'
    $cmdlets = @((Import-PowerShellDataFile -LiteralPath (Join-Path $root 'AnimationTools.psd1')).CmdletsToExport | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $manifest = Join-Path $root 'AnimationTools.psd1'
    $module = Import-Module $manifest -Force -PassThru
    $docs = "$(([string]$module.ProjectUri).TrimEnd('/'))/blob/main/docs"
}

Describe 'Online help' {
    It 'the manifest names the project' {
        $module.ProjectUri | Should -Be 'https://github.com/animationtools/AnimationTools'
    }

    It '<Name> links to its page' -ForEach $cmdlets {
        $expected = "$docs/$Name.md"
        (Get-Command $Name -Module AnimationTools).HelpUri | Should -BeExactly $expected
        Join-Path $root "docs/$Name.md" | Should -Exist
        $first = @((Get-Help $Name).relatedLinks.navigationLink)[0]
        $first.linkText | Should -Be 'Online Version:'
        $first.uri | Should -BeExactly $expected
    }

    It 'Get-Help Save-Animation -Online opens the page in the browser' {
        # .NET opens a URL on Linux with the first of xdg-open, gnome-open, kfmclient found on PATH (UseShellExecute);
        # each of them here only writes down what it was asked to open.
        $bin = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'bin')
        $opened = Join-Path $TestDrive 'opened.txt'
        foreach ($opener in 'xdg-open', 'gnome-open', 'kfmclient', 'sensible-browser', 'x-www-browser') {
            $script = Join-Path $bin $opener
            Set-Content -LiteralPath $script -Value "#!/bin/sh`nprintf '%s %s\n' '$opener' `"`$*`" >> '$opened'"
            chmod +x $script
        }

        $pwsh = @([Environment]::ProcessPath)
        $dll = Join-Path $PSHOME 'pwsh.dll'
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet' -and (Test-Path $dll)) { $pwsh += $dll }
        $child = "`$env:PATH = '$($bin.FullName)' + [IO.Path]::PathSeparator + `$env:PATH; Import-Module '$manifest'; Get-Help Save-Animation -Online"
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $child
        $LASTEXITCODE | Should -Be 0

        # The browser is started without waiting for it.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (-not (Test-Path -LiteralPath $opened) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Content -LiteralPath $opened | Should -Be "xdg-open $docs/Save-Animation.md"
    }
}
