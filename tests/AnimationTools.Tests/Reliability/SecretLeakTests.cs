using System.Net;
using System.Net.Sockets;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Runs every cmdlet of a service with -Verbose and -Debug (successes and failures), then searches every secret the
/// run knew (the client secret, DeepMotion's session cookie, the Avatar SDK's bearer tokens, webhook tokens) in every
/// stream, every error, every output formatted as a table and as a list (Out-String), and every output, session and
/// error serialized (PSSerializer).
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class SecretLeakTests : DeepMotionTestBase
{
    const string ClientSecret = "demo-secret";

    public SecretLeakTests(EmulatorFixture emulator) : base(emulator)
    {
        Shell.SetVariable("avatarEndpoint", emulator.AvatarSdkUrl);
        // Variables, not literals: PowerShell keeps a script's own text in every error's InvocationInfo.
        Shell.SetVariable("secret", ClientSecret);
        Shell.SetVariable("wrongSecret", "wrong-" + ClientSecret);
        File.Copy(Path.Combine(RepoPaths.Assets, "pose.jpg"), Path.Combine(Work, "me.jpg"));
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_CACHE", Path.Combine(Work, "cache"));
        var model = new byte[300 * 1024];
        new Random(11).NextBytes(model);
        "Kaydara FBX Binary  \0"u8.ToArray().CopyTo(model, 0);
        File.WriteAllBytes(Path.Combine(Work, "hero.fbx"), model);
        var port = new TcpListener(IPAddress.Loopback, 0);
        port.Start();
        Shell.SetVariable("prefix", $"http://127.0.0.1:{((IPEndPoint)port.LocalEndpoint).Port}/hook/");
        port.Stop();
    }

    const string DeepMotionRun = """
        $ErrorActionPreference = 'Continue'
        $all = [System.Collections.Generic.List[object]]::new()
        function Keep { process { if ($null -ne $_) { $all.Add($_) } } }
        $common = @{ Verbose = $true; Debug = $true }
        Connect-DeepMotion -ClientId demo -ClientSecret $secret -Endpoint $endpoint -PollIntervalSeconds 0.1 -PassThru @common | Keep
        $video = Send-Video -LiteralPath $assets/walk.mp4 -ChunkSize 262144 @common; $video | Keep
        Send-Video -LiteralPath $assets/jump.mp4 -SinglePut @common | Keep
        $video | Get-VideoInfo @common | Keep
        $job = $video | Start-AnimationJob -Format bvh, mp4 -Confirm:$false @common; $job | Keep
        $result = $job | Wait-Job -Timeout 60 | Receive-Job @common; $result | Keep
        Get-AnimationJob @common | Keep
        Get-AnimationJob -Id $result.Rid @common | Wait-Job -Timeout 30 | Receive-Job | Keep
        Save-Animation -Rid $result.Rid -Destination $work/saved @common | Keep
        Get-DeepMotionCredit @common | Keep
        $model = Send-CharacterModel -Path $work/hero.fbx -CreateThumbnail -Name Hero @common; $model | Keep
        Get-CharacterModel -IncludeStock @common | Keep
        Get-CharacterModel -Id $model.Id @common | Keep
        Set-CharacterModel -Id $model.Id -Name Renamed -PassThru -Confirm:$false @common | Keep
        Remove-CharacterModel -Id $model.Id -Confirm:$false @common | Keep
        $hook = New-WebhookEndpoint -Url https://hooks.example.com/in -Event job.completed -WithSecretToken -Confirm:$false @common; $hook | Keep
        Get-WebhookEndpoint @common | Keep
        Get-WebhookEndpoint -Id $hook.Id @common | Keep
        Set-WebhookEndpoint -Id $hook.Id -Url https://hooks.example.com/in2 -WithSecretToken -Confirm:$false @common | Keep
        $listener = Start-WebhookListener -Prefix $prefix @common; $listener | Keep
        $listener | Stop-Job; $listener | Receive-Job -ErrorAction SilentlyContinue | Keep
        Remove-WebhookEndpoint -Id $hook.Id -Confirm:$false @common | Keep
        Get-AnimationJob -Id '0-no-such-job' @common | Keep
        Save-Animation -Rid '0-no-such-job' -Destination $work/none @common | Keep
        Connect-DeepMotion -ClientId demo -ClientSecret $wrongSecret -Endpoint $endpoint @common | Keep
        Get-AnimationSession @common | Keep
        """;

    const string AvatarSdkRun = """
        $ErrorActionPreference = 'Continue'
        $all = [System.Collections.Generic.List[object]]::new()
        function Keep { process { if ($null -ne $_) { $all.Add($_) } } }
        $common = @{ Verbose = $true; Debug = $true }
        Set-Location $work
        Connect-AvatarSdk -ClientId demo -ClientSecret $secret -Endpoint $avatarEndpoint -NewPlayer -PollIntervalSeconds 0.1 -PassThru @common | Keep
        $job = New-Avatar -Photo ./me.jpg -Name leak -Pipeline head_2.0 -ExportParameter @{ format = 'glb' } -Confirm:$false @common; $job | Keep
        $plainJob = New-Avatar -Photo ./me.jpg -Name plain -Confirm:$false @common; $plainJob | Keep
        $avatar = $job | Wait-Job -Timeout 60 | Receive-Job @common; $avatar | Keep
        $plain = $plainJob | Wait-Job -Timeout 60 | Receive-Job @common; $plain | Keep
        Get-Avatar @common | Keep
        Get-Avatar -Code $avatar.Code @common | Keep
        Set-Avatar -Code $avatar.Code -Name renamed -PassThru -Confirm:$false @common | Keep
        $exports = Get-AvatarExport -AvatarCode $avatar.Code @common; $exports | Keep
        $export = New-AvatarExport -AvatarCode $avatar.Code -ExportParameter @{ format = 'fbx' } -Confirm:$false @common | Wait-Job -Timeout 60 | Receive-Job @common; $export | Keep
        Get-AvatarExport -AvatarCode $avatar.Code -ExportCode $export.Code @common | Keep
        Save-AvatarExport -AvatarCode $avatar.Code -ExportCode $export.Code -Destination $work/export @common | Keep
        Save-AvatarAsset -AvatarCode $plain.Code -Destination $work/assets @common | Keep
        Get-AvatarModelInfo -AvatarCode $plain.Code @common | Keep
        Get-AvatarParameter -Pipeline head_2.0 @common | Keep
        Get-AvatarExportParameter -Pipeline head_2.0 @common | Keep
        Get-AvatarStaticResource -Pipeline head_2.0 @common | Keep
        Get-AvatarUsage @common | Keep
        $selfie = New-AvatarSelfie -QrCodePath $work/qr.png -Confirm:$false @common; $selfie | Keep
        Get-AvatarSelfie -Code $selfie.Code @common | Keep
        Remove-Avatar -Code $avatar.Code -Confirm:$false @common | Keep
        Get-Avatar -Code $avatar.Code @common | Keep
        Connect-AvatarSdk -ClientId demo -ClientSecret $wrongSecret -Endpoint $avatarEndpoint @common | Keep
        Get-AnimationSession @common | Keep
        """;

    /// <summary>Everything the run showed: streams, errors, outputs as tables, lists and serialized, sessions and $Error serialized.</summary>
    string Shown(ScriptResult run)
    {
        var views = Shell.Run("""
            $all | Format-Table -Property * -AutoSize | Out-String -Width 500
            $all | Format-List -Property * | Out-String -Width 500
            $all | Out-String -Width 500
            foreach ($item in $all) { [System.Management.Automation.PSSerializer]::Serialize($item, 3) }
            [System.Management.Automation.PSSerializer]::Serialize((Get-AnimationSession), 3)
            Get-AnimationSession | Format-List -Property * | Out-String -Width 500
            foreach ($e in $Error) { [System.Management.Automation.PSSerializer]::Serialize($e, 2); $e | Format-List -Property * -Force | Out-String -Width 500; $e.Exception.ToString() }
            """);
        return run.AllText() + "\n" + string.Join("\n", views.Output.Select(o => o?.ToString())) + string.Join("\n", views.Errors.Select(e => e.ToString()));
    }

    /// <summary>Secret values the emulator saw go by: dmsess cookies, bearer tokens.</summary>
    List<string> SecretsOnTheWire()
    {
        var secrets = new List<string>();
        foreach (var request in Emulator.Requests("deepmotion").Concat(Emulator.Requests("avatarsdk")))
        {
            if (request.Headers.TryGetValue("Cookie", out var cookie))
            {
                secrets.AddRange(cookie.Split(';').Select(p => p.Trim()).Where(p => p.StartsWith("dmsess=")).Select(p => p["dmsess=".Length..]));
            }
            if (request.Headers.TryGetValue("Authorization", out var authorization) && authorization.StartsWith("Bearer "))
            {
                secrets.Add(authorization["Bearer ".Length..]);
            }
            if (request.ResponseHeaders.TryGetValue("Set-Cookie", out var set) && set.StartsWith("dmsess="))
            {
                secrets.Add(set["dmsess=".Length..].Split(';')[0]);
            }
        }
        return secrets.Where(s => s.Length >= 8).Distinct().ToList();
    }

    /// <summary>A secret as it may appear: as sent, URL-decoded (a cookie value), URL-encoded.</summary>
    static IEnumerable<string> Forms(string secret) => new[] { secret, Uri.UnescapeDataString(secret), Uri.EscapeDataString(secret) }.Distinct();

    (int Trials, int Leaks, List<string> Found) Search(string shown, IEnumerable<string> secrets)
    {
        var list = secrets.ToList();
        var found = list.Where(s => Forms(s).Any(form => shown.Contains(form, StringComparison.Ordinal))).ToList();
        foreach (var secret in found)
        {
            var at = shown.IndexOf(secret, StringComparison.Ordinal);
            if (at >= 0)
            {
                Console.WriteLine("LEAK CONTEXT: " + shown.Substring(Math.Max(0, at - 300), Math.Min(600, shown.Length - Math.Max(0, at - 300))));
            }
        }
        return (list.Count, found.Count, found);
    }

    [Fact]
    public void No_DeepMotion_secret_reaches_a_stream_an_error_a_table_or_a_serialized_object()
    {
        var run = Shell.Run(DeepMotionRun);
        var tokens = Shell.Run("""
            foreach ($h in $all | Where-Object { $_ -is [AnimationTools.DeepMotion.Webhooks.WebhookEndpoint] -and $_.HasSecretToken }) {
                [System.Net.NetworkCredential]::new('', $h.GetSecretToken()).Password
            }
            """).ThrowOnError().Output.Select(o => o.ToString()).ToList();
        Assert.Equal(["DeepMotion.JobNotFound", "DeepMotion.ResultNotReady", "DeepMotion.AuthenticationFailed"], run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        var shown = Shown(run);
        var secrets = SecretsOnTheWire().Concat(tokens).Append(ClientSecret).ToList();

        var (trials, leaks, found) = Search(shown, secrets);

        Assert.True(tokens.Count >= 2, "the run made no webhook tokens");
        Assert.Contains(secrets, s => Uri.UnescapeDataString(s).StartsWith("s:"));
        Assert.True(run.Output.Count + run.Verbose.Count > 30, "the run did too little to prove anything");
        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "DeepMotion", Case = $"secrets ({trials}: client secret, session cookies, webhook tokens) searched after every cmdlet",
            Trials = trials, Handled = trials - leaks,
        });
        Assert.True(leaks == 0, "leaked: " + string.Join(", ", found.Select(f => f[..4] + "...")));
    }

    [Fact]
    public void No_Avatar_SDK_secret_reaches_a_stream_an_error_a_table_or_a_serialized_object()
    {
        try
        {
            var run = Shell.Run(AvatarSdkRun);
            Assert.Equal(["AvatarSdk.Http.404", "AvatarSdk.AuthenticationFailed"], run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            var shown = Shown(run);
            var secrets = SecretsOnTheWire().Append(ClientSecret).ToList();

            var (trials, leaks, found) = Search(shown, secrets);

            Assert.True(secrets.Count >= 2, "the run sent no bearer token");
            Assert.True(run.Output.Count + run.Verbose.Count > 30, "the run did too little to prove anything");
            ReliabilityTable.Record(new ReliabilityRow
            {
                Area = "AvatarSdk", Case = $"secrets ({trials}: client secret, bearer tokens) searched after every cmdlet",
                Trials = trials, Handled = trials - leaks,
            });
            Assert.True(leaks == 0, "leaked: " + string.Join(", ", found.Select(f => f[..4] + "...")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANIMATIONTOOLS_CACHE", null);
        }
    }
}
