using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>The module as a user meets it: manifest, exported commands, help, formats.</summary>
public sealed class ModuleTests : IDisposable
{
    static readonly string[] Cmdlets =
    {
        "Connect-DeepMotion", "Send-Video", "Get-VideoInfo", "Start-AnimationJob", "Get-AnimationJob", "Save-Animation",
        "Get-DeepMotionCredit", "Get-AnimationSession", "Disconnect-AnimationService",
        "Send-CharacterModel", "Get-CharacterModel", "Set-CharacterModel", "Remove-CharacterModel",
        "New-WebhookEndpoint", "Get-WebhookEndpoint", "Set-WebhookEndpoint", "Remove-WebhookEndpoint",
        "ConvertFrom-WebhookEvent", "Start-WebhookListener",
        "Connect-AvatarSdk", "New-Avatar", "Get-Avatar", "Set-Avatar", "Remove-Avatar", "Get-AvatarExport", "New-AvatarExport",
        "Save-AvatarExport", "Save-AvatarAsset", "Get-AvatarModelInfo", "Get-AvatarParameter", "Get-AvatarExportParameter",
        "Get-AvatarStaticResource", "Get-AvatarUsage", "New-AvatarSelfie", "Get-AvatarSelfie",
        "Connect-Teleport", "New-TeleportCapture", "Get-TeleportCapture", "Rename-TeleportCapture", "Remove-TeleportCapture",
        "Get-TeleportCaptureMetadata", "Save-TeleportCapture",
        "Connect-HourOne", "New-HourOneVideo", "Get-HourOneVideo", "Get-HourOneVideoMetadata", "Save-HourOneVideo", "Remove-HourOneVideo",
        "New-HourOneSubtitle",
        "Connect-Danim", "Send-DanimFile", "Get-DanimTemplate", "Test-DanimTemplateData", "New-DanimVideo", "Start-DanimVideo",
        "Set-DanimVideo", "Remove-DanimVideo", "Get-DanimVideo", "Save-DanimVideo", "New-DanimWorkspace", "Invoke-DanimQuery",
        "Start-AnimationEmulator", "Stop-AnimationEmulator", "Reset-AnimationEmulator", "Add-AnimationEmulatorFault",
        "Get-AnimationEmulatorFault", "Clear-AnimationEmulatorFault", "Set-AnimationEmulatorNextJob", "Move-AnimationEmulatorClock",
        "Get-AnimationEmulatorRequest",
    };

    readonly PowerShellHost _shell = new();

    [Fact]
    public void The_manifest_is_valid_and_exports_every_cmdlet()
    {
        var result = _shell.Run($"Test-ModuleManifest -Path '{RepoPaths.Manifest}' | ForEach-Object {{ $_.Version.ToString() }}").ThrowOnError();
        Assert.Equal("0.1.0", result.Output.Single().ToString());

        var exported = _shell.Run("Get-Command -Module AnimationTools | ForEach-Object { $_.Name }").ThrowOnError()
            .Output.Select(o => o.ToString()).OrderBy(n => n).ToArray();
        Assert.Equal(Cmdlets.OrderBy(n => n).ToArray(), exported);
    }

    [Fact]
    public void The_tests_host_the_full_engine_with_Utility_and_Management_cmdlets()
    {
        var result = _shell.Run("""
            $json = @{ a = 1 } | ConvertTo-Json -Compress
            $files = Get-ChildItem -LiteralPath ./tests/assets -Filter *.mp4 | Select-Object -ExpandProperty Name
            (Get-Command Invoke-RestMethod).ModuleName
            $json
            $files.Count -gt 0
            """).ThrowOnError();
        Assert.Equal("Microsoft.PowerShell.Utility", result.Output[0].ToString());
        Assert.Equal("{\"a\":1}", result.Output[1].ToString());
        Assert.True((bool)result.Output[2].BaseObject);
    }

    [Fact]
    public void The_manifest_claims_only_what_is_tested_and_names_its_license()
    {
        var result = _shell.Run($$"""
            $m = Test-ModuleManifest -Path '{{RepoPaths.Manifest}}'
            $m.PowerShellVersion.ToString()
            $m.CompatiblePSEditions -join ','
            $m.LicenseUri.AbsoluteUri
            $m.ProjectUri.AbsoluteUri
            [string]::IsNullOrWhiteSpace($m.ReleaseNotes)
            """).ThrowOnError();
        Assert.Equal("7.6", result.Output[0].ToString());
        Assert.Equal("Core", result.Output[1].ToString());
        Assert.Equal(result.Output[3].ToString().TrimEnd('/') + "/blob/main/LICENSE", result.Output[2].ToString());
        Assert.Equal(false, result.Output[4].BaseObject);
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(RepoPaths.Root, "LICENSE")));
    }

    [Fact]
    public void No_built_in_command_is_shadowed()
    {
        var result = _shell.Run("""
            foreach ($name in 'Wait-Job','Receive-Job','Get-Job','Stop-Job','Remove-Job') {
                (Get-Command $name).ModuleName
            }
            """).ThrowOnError();
        Assert.All(result.Output, o => Assert.Equal("Microsoft.PowerShell.Core", o.ToString()));
    }

    [Fact]
    public void No_System_Management_Automation_is_shipped()
    {
        Assert.False(File.Exists(Path.Combine(RepoPaths.Root, "bin", "System.Management.Automation.dll")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "bin", "AnimationTools.dll")));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_a_docs_page_and_help_examples(string cmdlet)
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", cmdlet + ".md")), "docs page missing");
        var result = _shell.Run($"$help = Get-Help {cmdlet} -Examples; $help.examples.example.Count; $help.Synopsis").ThrowOnError();
        Assert.True((int)result.Output[0].BaseObject >= 2, "fewer than two examples");
        var synopsis = result.Output[1]?.ToString()?.Trim() ?? "";
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.False(synopsis.StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase), "the synopsis is the generated syntax: no help file was found");
    }

    [Fact]
    public void The_committed_help_file_is_generated_from_the_docs()
    {
        var generated = Path.Combine(Path.GetTempPath(), "animtools-help-" + Guid.NewGuid() + ".xml");
        try
        {
            _shell.Run($"& '{Path.Combine(RepoPaths.Root, "module", "New-MamlHelp.ps1")}' -DocsPath '{Path.Combine(RepoPaths.Root, "docs")}' -OutputPath '{generated}'").ThrowOnError();
            Assert.True(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "module", "en-US", "AnimationTools.dll-Help.xml")).SequenceEqual(File.ReadAllBytes(generated)),
                "module/en-US/AnimationTools.dll-Help.xml is stale: run ./build.ps1 Help");
        }
        finally
        {
            File.Delete(generated);
        }
    }

    public static IEnumerable<object[]> CmdletNames() => Cmdlets.Select(c => new object[] { c });

    [Fact]
    public void Cmdlets_declare_their_output_types()
    {
        var result = _shell.Run("""
            Get-Command -Module AnimationTools | Where-Object { $_.Verb -notin 'Disconnect', 'Remove' -and $_.OutputType.Count -eq 0 } | ForEach-Object { $_.Name }
            """).ThrowOnError();
        Assert.Empty(result.Output);
    }

    public void Dispose() => _shell.Dispose();
}
