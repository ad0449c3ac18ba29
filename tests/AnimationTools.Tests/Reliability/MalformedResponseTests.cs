using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Every JSON route the cmdlets use answers, once, with a malformed body under the handler's own status (the work
/// was done): empty, truncated, HTML, <c>{}</c>, <c>null</c>, <c>[]</c>, a bare string, 2 MB of text, or its own JSON with
/// every member made null or a string. Each run must end, within its bound, with typed errors only (an ErrorRecord
/// whose id starts with the service's name and whose category is not NotSpecified) or with a tolerated value: never
/// an unhandled exception, a job left running, or a hang.
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class MalformedResponseTests : DeepMotionTestBase
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>A malformed answer: a body (and its type) in place of the handler's, or the handler's JSON patched.</summary>
    sealed record Malformed(string Name, string Body = null, string ContentType = null, int Repeat = 1, Dictionary<string, JsonNode> Patch = null);

    static readonly Malformed[] All =
    [
        new("empty", Body: ""),
        new("truncated", Body: "{\"status\": [{\"rid\": \"1-2-3\", \"stat"),
        new("HTML", Body: "<html><body><h1>502 Bad Gateway</h1></body></html>", ContentType: "text/html"),
        new("{}", Body: "{}"),
        new("null", Body: "null"),
        new("[]", Body: "[]"),
        new("string", Body: "\"ok\""),
        new("huge", Body: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ContentType: "text/plain", Repeat: 20_000),
        new("members null", Patch: new() { ["/*"] = null }),
        new("members wrong type", Patch: new() { ["/*"] = "x" }),
        new("nested wrong type", Patch: new() { ["/*/*"] = 12345 }),
    ];

    /// <summary>For routes whose every run starts paid or slow work: fewer shapes.</summary>
    static readonly Malformed[] Few = All.Where(m => m.Name is "{}" or "null" or "HTML" or "members null" or "members wrong type").ToArray();

    sealed record Route(string Method, string Path, string Script, bool Slow = false);

    public MalformedResponseTests(EmulatorFixture emulator) : base(emulator)
    {
        Shell.SetVariable("avatarEndpoint", emulator.AvatarSdkUrl);
        File.Copy(Path.Combine(RepoPaths.Assets, "pose.jpg"), Path.Combine(Work, "me.jpg"));
        Environment.SetEnvironmentVariable("ANIMATIONTOOLS_CACHE", Path.Combine(Work, "cache"));
        var model = new byte[64 * 1024];
        new Random(5).NextBytes(model);
        "Kaydara FBX Binary  \0"u8.ToArray().CopyTo(model, 0);
        File.WriteAllBytes(Path.Combine(Work, "hero.fbx"), model);
    }

    /// <summary>A job's run: wait for it within the bound and say when it is still running (a hang).</summary>
    const string AwaitJob = " | ForEach-Object { $j = $_; $null = $j | Wait-Job -Timeout 20; if ($j.State -eq 'Running') { 'STILL-RUNNING' }; $j | Receive-Job }";

    static readonly Route[] DeepMotionRoutes =
    [
        new("GET", "^/deepmotion/upload$", "Send-Video -LiteralPath $assets/walk.mp4 -SinglePut"),
        new("POST", "^/deepmotion/videoInfo$", "Get-VideoInfo -Url $video.Url"),
        new("POST", "^/deepmotion/process$", "Start-AnimationJob -Url $video.Url -Format bvh -Confirm:$false" + AwaitJob, Slow: true),
        new("GET", "^/deepmotion/status/", "Get-AnimationJob -Id $rid" + AwaitJob),
        new("GET", "^/deepmotion/download/", "Save-Animation -Rid $rid -Format bvh -Destination $work/saved"),
        new("GET", "^/deepmotion/list", "Get-AnimationJob -Status SUCCESS"),
        new("GET", "^/deepmotion/account/creditBalance$", "Get-DeepMotionCredit"),
        new("GET", "^/deepmotion/character/listModels$", "Get-CharacterModel -IncludeStock"),
        new("GET", "^/deepmotion/character/getModelUploadUrl$", "Send-CharacterModel -Path $work/hero.fbx -CreateThumbnail", Slow: true),
        new("POST", "^/deepmotion/character/storeModel$", "Set-CharacterModel -Id $modelId -Name renamed -PassThru -Confirm:$false"),
        new("DELETE", "^/deepmotion/character/deleteModel/", "Remove-CharacterModel -Id $modelId -Confirm:$false"),
        new("GET", "^/deepmotion/webhook_endpoints$", "Get-WebhookEndpoint"),
        new("POST", "^/deepmotion/webhook_endpoints$", "New-WebhookEndpoint -Url https://hooks.example.com/in -Event job.completed -Confirm:$false"),
        new("GET", "^/deepmotion/webhook_endpoints/", "Get-WebhookEndpoint -Id $hook.Id"),
        new("POST", "^/deepmotion/webhook_endpoints/", "Set-WebhookEndpoint -Id $hook.Id -Event job.completed -Confirm:$false"),
        // Last: a login that works makes a new current session.
        new("GET", "^/deepmotion/session/auth$", "$null = Connect-DeepMotion -Credential $cred -Endpoint $endpoint -PollIntervalSeconds 0.1"),
    ];

    static readonly Route[] AvatarSdkRoutes =
    [
        new("POST", "^/avatarsdk/avatars/$", "New-Avatar -Photo $work/me.jpg -Confirm:$false" + AwaitJob, Slow: true),
        new("GET", "^/avatarsdk/avatars/$", "Get-Avatar"),
        new("GET", "^/avatarsdk/avatars/[^/]+/$", "Get-Avatar -Code $avatar.Code"),
        new("PATCH", "^/avatarsdk/avatars/[^/]+/$", "Set-Avatar -Code $avatar.Code -Name renamed -PassThru -Confirm:$false"),
        new("GET", "^/avatarsdk/avatars/[^/]+/exports/$", "Get-AvatarExport -AvatarCode $exported.Code"),
        new("GET", "^/avatarsdk/avatars/[^/]+/exports/[^/]+/$", "Get-AvatarExport -AvatarCode $exported.Code -ExportCode $export.Code"),
        new("POST", "^/avatarsdk/avatars/[^/]+/exports/$", "New-AvatarExport -AvatarCode $exported.Code -ExportParameter @{ format = 'fbx' } -Confirm:$false" + AwaitJob, Slow: true),
        new("GET", "^/avatarsdk/avatars/[^/]+/model_info/$", "Get-AvatarModelInfo -AvatarCode $avatar.Code"),
        new("GET", "^/avatarsdk/avatars/[^/]+/haircuts/$", "Save-AvatarAsset -AvatarCode $avatar.Code -Asset Haircuts -HaircutPart Preview -Destination $work/haircuts"),
        new("GET", "^/avatarsdk/avatars/[^/]+/textures/$", "Save-AvatarAsset -AvatarCode $avatar.Code -Asset Texture -Destination $work/textures"),
        new("GET", "^/avatarsdk/parameters/available/", "Get-AvatarParameter -Pipeline animated_face"),
        new("GET", "^/avatarsdk/parameters/default/", "Get-AvatarParameter -Pipeline animated_face -Default"),
        new("GET", "^/avatarsdk/export_parameters/available/", "Get-AvatarExportParameter -Pipeline head_2.0"),
        new("GET", "^/avatarsdk/static_resources/available/", "Get-AvatarStaticResource -Pipeline head_2.0"),
        new("GET", "^/avatarsdk/billing/statistics/$", "Get-AvatarUsage"),
        new("POST", "^/avatarsdk/selfies/$", "New-AvatarSelfie -QrCodePath $work/qr.png -Confirm:$false"),
        new("GET", "^/avatarsdk/selfies/[^/]+/$", "Get-AvatarSelfie -Code $selfie.Code"),
        // Last: a login that works makes a new current session (of another player, for -NewPlayer).
        new("POST", "^/avatarsdk/o/token/$", "$null = Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -PollIntervalSeconds 0.1"),
        new("POST", "^/avatarsdk/players/$", "$null = Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -NewPlayer -PollIntervalSeconds 0.1"),
        new("GET", "^/avatarsdk/players/[^/]+/$", "$null = Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -PlayerUid $player -PollIntervalSeconds 0.1"),
    ];

    /// <summary>Runs each route with each malformed answer; returns (trials, handled, hangs, failures).</summary>
    (int Trials, int Handled, int Hangs, List<string> Failures) Probe(string service, string emulatorService, IEnumerable<Route> routes)
    {
        int trials = 0, handled = 0, hangs = 0;
        var failures = new List<string>();
        foreach (var route in routes)
        {
            foreach (var shape in route.Slow ? Few : All)
            {
                trials++;
                Emulator.Server.State.Faults.Clear();
                Emulator.AddFault(new FaultDefinition
                {
                    Service = emulatorService, Method = route.Method, Path = route.Path, Kind = FaultKind.ReplaceBody,
                    Body = shape.Body, ContentType = shape.ContentType, Repeat = shape.Repeat == 1 ? null : shape.Repeat, Patch = shape.Patch,
                });
                var (shell, handle) = Shell.Begin(route.Script);
                using (shell)
                {
                    if (!handle.AsyncWaitHandle.WaitOne(Bound))
                    {
                        hangs++;
                        failures.Add($"{route.Method} {route.Path} with {shape.Name}: no end within {Bound.TotalSeconds} s");
                        shell.Stop();
                        continue;
                    }
                    List<PSObject> output;
                    var errors = new List<ErrorRecord>();
                    try
                    {
                        output = shell.EndInvoke(handle).ToList();
                    }
                    catch (RuntimeException ex)
                    {
                        output = [];
                        errors.Add(ex.ErrorRecord);
                    }
                    errors.AddRange(shell.Streams.Error);
                    var untyped = errors.Where(e => !e.FullyQualifiedErrorId.StartsWith(service + ".", StringComparison.Ordinal) || e.CategoryInfo.Category == ErrorCategory.NotSpecified).ToList();
                    var stillRunning = output.Any(o => o?.BaseObject as string == "STILL-RUNNING");
                    var applied = Emulator.Server.State.Faults.List().Sum(f => f.Applied) > 0;
                    if (stillRunning)
                    {
                        hangs++;
                        failures.Add($"{route.Method} {route.Path} with {shape.Name}: a job still running");
                    }
                    else if (untyped.Count == 0 && applied)
                    {
                        handled++;
                    }
                    else
                    {
                        failures.Add($"{route.Method} {route.Path} with {shape.Name}: " + (applied ? "" : "(fault never applied) ")
                            + string.Join("; ", untyped.Select(e => $"{e.FullyQualifiedErrorId} [{e.CategoryInfo.Category}] {e.Exception?.GetType().Name}: {e.Exception?.Message}")));
                    }
                }
                Shell.Run("Get-Job | Remove-Job -Force");
            }
        }
        return (trials, handled, hangs, failures);
    }

    [Fact]
    public void DeepMotion_routes_answer_malformed_bodies_with_typed_errors_or_tolerated_values()
    {
        Connect();
        Shell.Run("""
            $retry = (Get-AnimationSession -Current).Retry; $retry.BaseDelay = [TimeSpan]::FromMilliseconds(20); $retry.MaxRetries = 1
            (Get-AnimationSession -Current).UnknownStatusTimeout = [TimeSpan]::FromSeconds(3)
            $video = Send-Video -LiteralPath $assets/walk.mp4
            $rid = ($video | Start-AnimationJob -Format bvh | Wait-Job -Timeout 30 | Receive-Job).Rid
            $modelId = (Send-CharacterModel -Path $work/hero.fbx -CreateThumbnail).Id
            $hook = New-WebhookEndpoint -Url https://hooks.example.com/base -Event job.completed
            Get-Job | Remove-Job -Force
            """).ThrowOnError();

        var (trials, handled, hangs, failures) = Probe("DeepMotion", "deepmotion", DeepMotionRoutes);

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "DeepMotion", Case = $"malformed answers ({All.Length} shapes) on every JSON route the cmdlets use ({DeepMotionRoutes.Length})",
            Trials = trials, Faults = trials, Hangs = hangs, Handled = handled,
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Avatar_SDK_routes_answer_malformed_bodies_with_typed_errors_or_tolerated_values()
    {
        try
        {
            Shell.Run("""
                Set-Location $work
                $session = Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -NewPlayer -PollIntervalSeconds 0.1 -PassThru
                $player = $session.PlayerUid
                $retry = $session.Retry; $retry.BaseDelay = [TimeSpan]::FromMilliseconds(20); $retry.MaxRetries = 1
                $session.UnknownStatusTimeout = [TimeSpan]::FromSeconds(3)
                $avatar = New-Avatar -Photo ./me.jpg -ModelInfo facial_landmarks_68 | Wait-Job -Timeout 30 | Receive-Job
                $exported = New-Avatar -Photo ./me.jpg -Pipeline head_2.0 -ExportParameter @{ format = 'glb' } | Wait-Job -Timeout 30 | Receive-Job
                $export = Get-AvatarExport -AvatarCode $exported.Code | Select-Object -First 1
                $selfie = New-AvatarSelfie -QrCodePath $work/qr0.png
                Get-Job | Remove-Job -Force
                """).ThrowOnError();
            Assert.NotNull(Shell.GetVariable("player"));

            var (trials, handled, hangs, failures) = Probe("AvatarSdk", "avatarsdk", AvatarSdkRoutes);

            ReliabilityTable.Record(new ReliabilityRow
            {
                Area = "AvatarSdk", Case = $"malformed answers ({All.Length} shapes) on every JSON route the cmdlets use ({AvatarSdkRoutes.Length})",
                Trials = trials, Faults = trials, Hangs = hangs, Handled = handled,
            });
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANIMATIONTOOLS_CACHE", null);
        }
    }
}
