# The about_ topics ship where Get-Help finds them for the imported module (<ModuleBase>/en-US, copied there by the
# build from module/en-US), in the standard about-topic layout, and the concept topic covers every concept a user
# has to know before the cmdlets' own help makes sense.
BeforeDiscovery {
    $topics = @(
        'about_AnimationTools'
        'about_AnimationTools_DeepMotion'
        'about_AnimationTools_AvatarSdk'
        'about_AnimationTools_Teleport'
        'about_AnimationTools_HourOne'
        'about_AnimationTools_Danim'
    ) | ForEach-Object { @{ Topic = $_ } }

    # Each concept, and a phrase of the topic that shows it is explained.
    $concepts = @(
        @{ Concept = 'sessions and the session store'; Pattern = 'session store' }
        @{ Concept = 'Connect-* cmdlets'; Pattern = 'Connect-\*' }
        @{ Concept = 'Get-AnimationSession'; Pattern = 'Get-AnimationSession' }
        @{ Concept = 'Disconnect-AnimationService'; Pattern = 'Disconnect-AnimationService' }
        @{ Concept = 'jobs as PowerShell jobs'; Pattern = 'real PowerShell job' }
        @{ Concept = 'Wait-Job'; Pattern = 'Wait-Job' }
        @{ Concept = 'Receive-Job'; Pattern = 'Receive-Job' }
        @{ Concept = 'Stop-Job'; Pattern = 'Stop-Job' }
        @{ Concept = 'typed errors with an id'; Pattern = 'FullyQualifiedErrorId' }
        @{ Concept = 'error categories'; Pattern = 'category' }
        @{ Concept = 'retries'; Pattern = 'MaxRetries' }
        @{ Concept = 'timeouts'; Pattern = 'RequestTimeout' }
        @{ Concept = 'what is retried'; Pattern = 'What is retried' }
        @{ Concept = 'paid starts are never retried blindly'; Pattern = 'never sent twice blindly' }
        @{ Concept = 'resumable transfers'; Pattern = '\.partial' }
        @{ Concept = 'webhooks'; Pattern = 'WEBHOOKS' }
        @{ Concept = 'Start-WebhookListener'; Pattern = 'Start-WebhookListener' }
        @{ Concept = 'the emulator'; Pattern = 'THE EMULATOR' }
        @{ Concept = '-WhatIf'; Pattern = '-WhatIf' }
        @{ Concept = 'secrets'; Pattern = 'SecureString' }
    )
}

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $module = Import-Module (Join-Path $root 'AnimationTools.psd1') -Force -PassThru
}

Describe 'about_ topics' {
    It 'Get-Help about_AnimationTools* finds all six' -ForEach @{ Expected = @($topics.Topic) } {
        # Unique: another copy of the module on $env:PSModulePath lists its topics too.
        $found = @(Get-Help about_AnimationTools* | ForEach-Object Name | Sort-Object -Unique)
        $found | Should -Be ($Expected | Sort-Object)
    }

    Context '<Topic>' -ForEach $topics {
        BeforeAll {
            $help = Get-Help $Topic | Select-Object -First 1
            $shipped = Join-Path $module.ModuleBase "en-US/$Topic.help.txt"
            $source = Join-Path $root "module/en-US/$Topic.help.txt"
        }

        It 'has a synopsis' {
            $help.Category | Should -Be 'HelpFile'
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match '^(TOPIC|SHORT DESCRIPTION)$'
        }

        It 'is shipped from module/en-US as it is there' {
            Test-Path -LiteralPath $source | Should -BeTrue -Because "module/en-US/$Topic.help.txt is the topic's source"
            Get-Content -Raw -LiteralPath $shipped | Should -BeExactly (Get-Content -Raw -LiteralPath $source) -Because 'the build copies it into <ModuleBase>/en-US'
        }

        It 'has the sections of an about topic, in order' {
            $lines = Get-Content -LiteralPath $source
            $sections = @($lines | Where-Object { $_ -match '^[A-Z][A-Z ]+$' })
            $sections | Should -Be @('TOPIC', 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'EXAMPLES', 'SEE ALSO')
            $lines[1].Trim() | Should -BeExactly $Topic
        }

        It 'fits 80 columns' {
            $long = @(Get-Content -LiteralPath $source | Where-Object { $_.Length -gt 80 })
            $long | Should -BeNullOrEmpty
        }
    }

    Context 'about_AnimationTools' {
        BeforeAll {
            $text = [string](Get-Help about_AnimationTools | Select-Object -First 1)
        }

        It 'explains <Concept>' -ForEach $concepts {
            $text | Should -Match $Pattern
        }

        It 'leads to every service topic' -ForEach @($topics | Select-Object -Skip 1) {
            $text | Should -Match ([regex]::Escape($Topic))
        }
    }
}
