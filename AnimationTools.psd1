@{
    RootModule           = 'bin/AnimationTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0c8f7e-3b9a-4c51-9a0e-6f2d1b7c4e21'
    Author               = 'AnimationTools contributors'
    CompanyName          = 'AnimationTools'
    Copyright            = '(c) AnimationTools contributors. MIT License.'
    Description          = 'Cmdlets for cloud services that turn media into animation and 3D: DeepMotion Animate 3D (video to animation), Avatar SDK (photo to 3D avatar) and more.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('module/AnimationTools.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-DeepMotion'
        'Send-Video'
        'Get-VideoInfo'
        'Start-AnimationJob'
        'Get-AnimationJob'
        'Save-Animation'
        'Get-DeepMotionCredit'
        'Send-CharacterModel'
        'Get-CharacterModel'
        'Set-CharacterModel'
        'Remove-CharacterModel'
        'New-WebhookEndpoint'
        'Get-WebhookEndpoint'
        'Set-WebhookEndpoint'
        'Remove-WebhookEndpoint'
        'ConvertFrom-WebhookEvent'
        'Start-WebhookListener'
        'Get-AnimationSession'
        'Disconnect-AnimationService'
        'Connect-AvatarSdk'
        'New-Avatar'
        'Get-Avatar'
        'Set-Avatar'
        'Remove-Avatar'
        'Get-AvatarExport'
        'New-AvatarExport'
        'Save-AvatarExport'
        'Save-AvatarAsset'
        'Get-AvatarModelInfo'
        'Get-AvatarParameter'
        'Get-AvatarExportParameter'
        'Get-AvatarStaticResource'
        'Get-AvatarUsage'
        'New-AvatarSelfie'
        'Get-AvatarSelfie'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Animation', 'MotionCapture', 'DeepMotion', 'AvatarSDK', 'Avatar', '3D', 'BVH', 'FBX', 'glTF')
            ProjectUri = 'https://github.com/animationtools/AnimationTools'
        }
    }
}
