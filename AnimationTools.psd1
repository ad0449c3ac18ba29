@{
    RootModule           = 'bin/AnimationTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0c8f7e-3b9a-4c51-9a0e-6f2d1b7c4e21'
    Author               = 'AnimationTools contributors'
    CompanyName          = 'AnimationTools'
    Copyright            = '(c) AnimationTools contributors. MIT License.'
    Description          = 'Cmdlets for cloud services that turn media into animation and 3D: DeepMotion Animate 3D (video to animation), Avatar SDK (photo to 3D avatar), Hour One (presenter videos), Varjo Teleport (video or photos to a 3D capture) and Danim (template videos); uploads, PowerShell jobs, downloads and typed errors, and a local emulator of the five services to try them and test scripts against.'
    # Tested on PowerShell 7.6 only (the tests host the 7.6.9 engine). The assembly targets .NET 10, the runtime of
    # PowerShell 7.6; Windows PowerShell 5.1 cannot load it.
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('module/AnimationTools.Format.ps1xml')
    # No FileList: it is informational only, and the bundled emulator's files (bin/emulator/) change with every
    # build of it. build.ps1 Package states what the package holds.
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
        'Connect-Teleport'
        'New-TeleportCapture'
        'Get-TeleportCapture'
        'Rename-TeleportCapture'
        'Remove-TeleportCapture'
        'Get-TeleportCaptureMetadata'
        'Save-TeleportCapture'
        'Connect-HourOne'
        'New-HourOneVideo'
        'Get-HourOneVideo'
        'Get-HourOneVideoMetadata'
        'Save-HourOneVideo'
        'Remove-HourOneVideo'
        'New-HourOneSubtitle'
        'Connect-Danim'
        'Send-DanimFile'
        'Get-DanimTemplate'
        'Test-DanimTemplateData'
        'New-DanimVideo'
        'Start-DanimVideo'
        'Set-DanimVideo'
        'Remove-DanimVideo'
        'Get-DanimVideo'
        'Save-DanimVideo'
        'New-DanimWorkspace'
        'Invoke-DanimQuery'
        'Start-AnimationEmulator'
        'Stop-AnimationEmulator'
        'Reset-AnimationEmulator'
        'Add-AnimationEmulatorFault'
        'Get-AnimationEmulatorFault'
        'Clear-AnimationEmulatorFault'
        'Set-AnimationEmulatorNextJob'
        'Move-AnimationEmulatorClock'
        'Get-AnimationEmulatorRequest'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Animation', 'MotionCapture', 'DeepMotion', 'AvatarSDK', 'Avatar', 'HourOne', 'Danim', 'Video', 'Teleport', 'Varjo', 'GaussianSplatting', '3D', 'BVH', 'FBX', 'glTF', 'PLY')
            ProjectUri   = 'https://github.com/animationtools/AnimationTools'
            LicenseUri   = 'https://github.com/animationtools/AnimationTools/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- DeepMotion Animate 3D: Connect-DeepMotion, Send-Video (resumable uploads), Get-VideoInfo, Start-AnimationJob and
  Get-AnimationJob (PowerShell jobs, batched polling, paid starts reconciled instead of resent), Save-Animation (zip
  results extracted, -KeepArchive), Get-DeepMotionCredit, character models, webhook endpoints and a webhook listener.
- Avatar SDK: Connect-AvatarSdk (OAuth2, client access mode), New-Avatar and exports as PowerShell jobs, avatar assets,
  parameters, static resources, usage and selfies.
- Danim: Connect-Danim (headers, Basic or query credentials), Get-DanimTemplate, Test-DanimTemplateData (every
  problem at once, nothing sent), New-DanimVideo and Start-DanimVideo as PowerShell jobs, videos, files, workspaces,
  GraphQL reads.
- Varjo Teleport: Connect-Teleport (OAuth2 with a JSON body on the sign-in service), New-TeleportCapture (a video, a
  zip or a folder of photos streamed as a zip; parallel S3 parts, resumed by a rerun), Get-, Rename-, Remove-TeleportCapture,
  Get-TeleportCaptureMetadata and Save-TeleportCapture (model files such as the .ply point cloud).
- Hour One: Connect-HourOne (API key), New-HourOneVideo as a PowerShell job, videos, metadata, subtitles, webhooks.
- -ClientSecret of every Connect-* takes a SecureString or a plain string.
- A local emulator of the five services for trying the module and testing scripts without an account.
- Installable as a package (build.ps1 Package, Install-PSResource). Flurl, Flurl.Http and Polly.Core load in the
  module's own AssemblyLoadContext, so a session that already loaded other versions of them keeps working.
- Tested on PowerShell 7.6.
'@
        }
    }
}
