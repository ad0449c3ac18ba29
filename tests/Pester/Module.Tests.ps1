# The module as a user meets it in real pwsh: a valid manifest, help for every cmdlet, PowerShell's own job cmdlets.
BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../../AnimationTools.psd1'
    $cmdlets = (Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '../../AnimationTools.psd1'
    Import-Module $manifest -Force
}

Describe 'The module' {
    It 'has a valid manifest' {
        $info = Test-ModuleManifest -Path $manifest
        $info.Name | Should -Be 'AnimationTools'
        $info.RootModule | Should -Be 'bin/AnimationTools.dll'
    }

    It 'exports exactly the cmdlets its manifest lists' {
        $listed = (Import-PowerShellDataFile $manifest).CmdletsToExport | Sort-Object
        $exported = (Get-Command -Module AnimationTools).Name | Sort-Object
        $exported | Should -Be $listed
    }

    It 'runs in PowerShell <_>' -ForEach @('7.6') {
        $PSVersionTable.PSVersion.ToString() | Should -BeLike "$_.*"
        $PSVersionTable.PSEdition | Should -Be 'Core'
    }

    It 'leaves <_> to PowerShell' -ForEach 'Wait-Job', 'Receive-Job', 'Get-Job', 'Stop-Job', 'Remove-Job' {
        (Get-Command $_).ModuleName | Should -Be 'Microsoft.PowerShell.Core'
        (Get-Command $_ -All).Count | Should -Be 1
    }

    It 'ships no System.Management.Automation' {
        Join-Path $PSScriptRoot '../../bin/System.Management.Automation.dll' | Should -Not -Exist
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"
        $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
        }
    }
}
