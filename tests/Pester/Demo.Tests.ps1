# README's first command, run as written in a child pwsh: the demo animates the sample videos into ./out/demo.
Describe 'build.ps1 Demo' {
    BeforeAll {
        $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
        $pwsh = Join-Path $PSHOME 'pwsh.dll'
        $output = Join-Path $root 'out/demo'
        Remove-Item -LiteralPath $output -Recurse -Force -ErrorAction Ignore
    }

    It 'animates tests/assets/*.mp4 into real files' {
        $log = & dotnet $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'build.ps1') Demo -NoBuild 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($log -join "`n")
        $files = Get-ChildItem -LiteralPath $output -File -Recurse
        # Real .bvh and .fbx files, extracted from the service's zip archives: two videos, two formats.
        $files | Where-Object Extension -EQ '.bvh' | Should -HaveCount 2
        $files | Where-Object Extension -EQ '.fbx' | Should -HaveCount 2
        $files | Where-Object Extension -EQ '.zip' | Should -HaveCount 0
        Get-Content -TotalCount 1 ($files | Where-Object Extension -EQ '.bvh' | Select-Object -First 1).FullName | Should -Be 'HIERARCHY'
        $files | ForEach-Object { $_.Length | Should -BeGreaterThan 0 }
    }

    It 'says in one sentence that a busy port is busy' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $log = & dotnet $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'build.ps1') Demo -NoBuild -Port $port 2>&1
            $LASTEXITCODE | Should -Not -Be 0
            $text = ($log | Out-String).Trim()
            $text | Should -Be "Port $port on 127.0.0.1 is already in use: pass -Port with a free port, or -Port 0 to pick one."
        }
        finally {
            $listener.Stop()
        }
    }
}
