# The package as a user installs it: build.ps1 Package publishes it to a local file repository, Install-PSResource
# installs it for a fresh current user (a temporary HOME), and a new pwsh imports it by name and animates a video
# against the emulator. The package is made from the last build (-NoBuild; build.ps1 Test builds first), in the test's
# own folder, so the package a user built in out/package stays as it is.
BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'tests/ChildPwsh.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $output = Join-Path $TestDrive 'package'
    # Publishing and installing run from an empty folder, which must stay empty (NuGet under PSResourceGet once wrote
    # NuGet/NuGet.Config into the current directory when the profile's folders were missing).
    $startFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'start')
    Push-Location -LiteralPath $startFolder
    $package = Invoke-ChildPwsh -ArgumentList (Join-Path $root 'build.ps1'), $output -ScriptBlock {
        param($Build, $Output)
        & $Build Package -NoBuild -PackagePath $Output
        exit $LASTEXITCODE
    }
    Pop-Location
    $repository = Join-Path $output 'repo'
    $manifest = Import-PowerShellDataFile (Join-Path $root 'AnimationTools.psd1')
    $nupkg = Join-Path $repository "AnimationTools.$($manifest.ModuleVersion).nupkg"

    $entries = @()
    $nuspec = $null
    if (Test-Path -LiteralPath $nupkg) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $entries = @($zip.Entries | ForEach-Object { [uri]::UnescapeDataString($_.FullName) })
            $reader = [IO.StreamReader]::new($zip.GetEntry('AnimationTools.nuspec').Open())
            try { $nuspec = ([xml]$reader.ReadToEnd()).package.metadata } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }
}

Describe 'build.ps1 Package' {
    It 'publishes AnimationTools.{version}.nupkg to a local file repository' {
        $package.ExitCode | Should -Be 0 -Because ($package.Errors -join "`n")
        $nupkg | Should -Exist
    }

    It 'holds <_>' -ForEach @(
        'AnimationTools.psd1', 'bin/AnimationTools.dll', 'module/AnimationTools.Format.ps1xml',
        'en-US/AnimationTools.dll-Help.xml', 'LICENSE', 'README.md',
        'bin/Dependencies/Flurl.dll', 'bin/Dependencies/Flurl.Http.dll', 'bin/Dependencies/Polly.Core.dll',
        'bin/Dependencies/AnimationTools.Resilience.dll') {
        $entries | Should -Contain $_
    }

    It 'holds the about topics and, when built, the emulator' {
        $about = @(Get-ChildItem (Join-Path $root 'module/en-US'), (Join-Path $root 'en-US') -Filter 'about_*.help.txt' -ErrorAction Ignore |
                ForEach-Object { "en-US/$($_.Name)" } | Sort-Object -Unique)
        foreach ($topic in $about) { $entries | Should -Contain $topic }
        $emulator = Join-Path $root 'bin/emulator'
        if (Test-Path -LiteralPath $emulator) {
            $files = @(Get-ChildItem -LiteralPath $emulator -File -Recurse | ForEach-Object { 'bin/emulator/' + [IO.Path]::GetRelativePath($emulator, $_.FullName).Replace('\', '/') })
            $files.Count | Should -BeGreaterThan 0
            foreach ($file in $files) { $entries | Should -Contain $file }
        }
    }

    It 'keeps the private dependencies out of the default probing folder' {
        $entries | Should -Not -Contain 'bin/Flurl.dll'
        $entries | Should -Not -Contain 'bin/Flurl.Http.dll'
        $entries | Should -Not -Contain 'bin/Polly.Core.dll'
    }

    It 'carries the manifest metadata the Gallery shows' {
        $nuspec.id | Should -Be 'AnimationTools'
        $nuspec.version | Should -Be $manifest.ModuleVersion
        $nuspec.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $nuspec.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $nuspec.releaseNotes | Should -Match ([regex]::Escape($manifest.ModuleVersion))
        $tags = $nuspec.tags -split ' '
        foreach ($tag in $manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
        $nuspec.description | Should -Be $manifest.Description
    }

    It 'claims only the PowerShell it is tested on' {
        $manifest.PowerShellVersion | Should -Be "$($PSVersionTable.PSVersion.Major).$($PSVersionTable.PSVersion.Minor)"
        $manifest.CompatiblePSEditions | Should -Be @($PSVersionTable.PSEdition)
        $manifest.PrivateData.PSData.Tags | Should -Contain "PSEdition_$($PSVersionTable.PSEdition)"
    }
}

Describe 'The installed package' {
    BeforeAll {
        $userProfile = Join-Path $TestDrive 'profile'
        Push-Location -LiteralPath $startFolder
        $install = Invoke-ChildPwsh -ProfileRoot $userProfile -ArgumentList $repository -ScriptBlock {
            param($Repository)
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name Local -Uri $Repository -Trusted
            Install-PSResource -Name AnimationTools -Repository Local -Scope CurrentUser -PassThru |
                Select-Object Name, Version, InstalledLocation
        }
        Pop-Location

        $work = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'work')
        Copy-Item -LiteralPath (Join-Path $root 'tests/assets/walk.mp4') -Destination (Join-Path $work 'clip.mp4')
        # A new pwsh, under the same fresh profile: the module is found by name on its default module path.
        Import-Module (Join-Path $root 'tests/TestEmulator.psm1') -Force
        $emulator = Start-TestEmulator -JobSeconds 1
        $use = Invoke-ChildPwsh -ProfileRoot $userProfile -ArgumentList $emulator.DeepMotion, $work.FullName -ScriptBlock {
            param($Endpoint, $Work)
            $ErrorActionPreference = 'Stop'
            Import-Module AnimationTools
            $module = Get-Module AnimationTools
            Set-Location $Work
            $credential = [pscredential]::new('demo', (ConvertTo-SecureString 'demo-secret' -AsPlainText -Force))
            Connect-DeepMotion -Credential $credential -Endpoint $Endpoint -PollIntervalSeconds 0.25
            $animations = Get-ChildItem clip.mp4 | Send-Video | Start-AnimationJob -Format bvh -Destination ./anim | Wait-Job | Receive-Job
            $help = Get-Help Send-Video -Full
            $aboutFiles = @(Get-ChildItem (Join-Path $module.ModuleBase 'en-US') -Filter 'about_*.help.txt' | ForEach-Object { $_.Name -replace '\.help\.txt$' })
            [pscustomobject]@{
                ModuleBase = $module.ModuleBase
                Version    = "$($module.Version)"
                Animations = @($animations).Count
                Downloaded = @($animations | ForEach-Object { $_.Downloaded } | ForEach-Object { $_.FullName })
                Synopsis   = $help.Synopsis
                Examples   = @($help.examples.example).Count
                AboutFiles = $aboutFiles
                AboutFound = @($aboutFiles | Where-Object { Get-Help $_ -ErrorAction Ignore | Where-Object Name -EQ $_ })
            }
        }
        $result = $use.Output | Where-Object { $_.PSObject.Properties['ModuleBase'] } | Select-Object -First 1
    }

    AfterAll {
        $emulator | Stop-TestEmulator
    }

    It 'installs with Install-PSResource for the current user of a fresh profile' {
        $install.ExitCode | Should -Be 0 -Because ($install.Errors -join "`n")
        $installed = $install.Output | Where-Object Name -EQ 'AnimationTools'
        "$($installed.Version)" | Should -Be $manifest.ModuleVersion
        $installed.InstalledLocation | Should -BeLike "$userProfile*"
    }

    It 'leaves nothing in the folder that published and installed it' {
        @(Get-ChildItem -LiteralPath $startFolder -Force) | Should -BeNullOrEmpty
    }

    It 'imports by name in a new pwsh, from the installed folder' {
        $use.ExitCode | Should -Be 0 -Because ($use.Errors -join "`n")
        $result.ModuleBase | Should -BeLike "$userProfile*"
        $result.ModuleBase | Should -Not -BeLike "$root*"
        $result.Version | Should -Be $manifest.ModuleVersion
        Join-Path $result.ModuleBase 'bin/Dependencies/Flurl.Http.dll' | Should -Exist
    }

    It 'animates a video against the emulator: the .bvh arrives' {
        $result.Animations | Should -Be 1
        $result.Downloaded | Should -HaveCount 1
        $file = Get-Item -LiteralPath $result.Downloaded[0]
        $file.Extension | Should -Be '.bvh'
        $file.DirectoryName | Should -Be (Join-Path $work 'anim')
        Get-Content -TotalCount 1 -LiteralPath $file.FullName | Should -Be 'HIERARCHY'
    }

    It 'shows the help of the installed package' {
        $maml = [xml](Get-Content -Raw -LiteralPath (Join-Path $result.ModuleBase 'en-US/AnimationTools.dll-Help.xml'))
        $page = $maml.helpItems.command | Where-Object { $_.details.name -eq 'Send-Video' }
        $result.Synopsis | Should -Be $page.details.description.para.Trim()
        $result.Examples | Should -BeGreaterThan 0
        $result.AboutFound | Should -Be $result.AboutFiles
    }
}
