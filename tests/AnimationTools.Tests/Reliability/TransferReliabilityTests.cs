using System.Security.Cryptography;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>Seeded trials of a transfer path; each trial runs under a time bound.</summary>
static class Trials
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Runs a script in the shell's runspace, stopping it (a hang) when it outlasts <see cref="Bound"/>.</summary>
    public static (bool Hung, List<System.Management.Automation.PSObject> Output, List<System.Management.Automation.ErrorRecord> Errors) Run(PowerShellHost host, string script)
    {
        var (shell, handle) = host.Begin(script);
        using (shell)
        {
            if (!handle.AsyncWaitHandle.WaitOne(Bound))
            {
                shell.Stop();
                return (true, new(), shell.Streams.Error.ToList());
            }
            try
            {
                return (false, shell.EndInvoke(handle).ToList(), shell.Streams.Error.ToList());
            }
            catch (System.Management.Automation.RuntimeException ex)
            {
                return (false, new(), shell.Streams.Error.Append(ex.ErrorRecord).ToList());
            }
        }
    }

    public static string Diff(Dictionary<string, string> expected, Dictionary<string, string> actual) =>
        " missing [" + string.Join(", ", expected.Keys.Except(actual.Keys)) + "] extra [" + string.Join(", ", actual.Keys.Except(expected.Keys))
        + "] different [" + string.Join(", ", expected.Keys.Intersect(actual.Keys).Where(k => expected[k] != actual[k])) + "]";

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Every file under a folder by relative path, with its hash.</summary>
    public static Dictionary<string, string> Tree(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), Sha256)
            : new Dictionary<string, string>();

    /// <summary>
    /// A fault on a download route: a body cut or stalled at a random offset, a burst of 503s, or connections
    /// broken before the answer; bounded so that the download's own recovery can always win.
    /// </summary>
    public static FaultDefinition DownloadFault(Random random, int trial, string service, string path, long size)
    {
        var fault = (trial % 4) switch
        {
            0 => new FaultDefinition { Kind = FaultKind.CutBody, AfterBytes = random.NextInt64(1, Math.Max(2, size)), Count = random.Next(1, 4) },
            1 => new FaultDefinition { Kind = FaultKind.StallBody, AfterBytes = random.NextInt64(0, Math.Max(1, size)), DelayMs = 30_000, Count = random.Next(1, 3) },
            2 => new FaultDefinition { Kind = FaultKind.Status, Status = 503, Count = random.Next(1, 4) },
            _ => new FaultDefinition { Kind = FaultKind.Drop, Count = random.Next(1, 4) },
        };
        fault.Service = service;
        fault.Method = "GET";
        fault.Path = path;
        fault.Skip = random.Next(0, 2);
        return fault;
    }
}

/// <summary>DeepMotion's single PUT, resumable upload with late answers, and result downloads through seeded faults.</summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class DeepMotionTransferReliabilityTests : DeepMotionTestBase
{
    public DeepMotionTransferReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    void FastRetries() => Shell.Run("""
        $retry = (Get-AnimationSession -Current).Retry
        $retry.BaseDelay = [TimeSpan]::FromMilliseconds(20); $retry.BodyIdleTimeout = [TimeSpan]::FromSeconds(1)
        """).ThrowOnError();

    System.Text.Json.JsonElement StoredUpload(string name) =>
        Emulator.ControlGet("deepmotion/uploads").EnumerateArray().SingleOrDefault(u => u.GetProperty("name").GetString() == name);

    [Fact]
    public void Single_PUT_uploads_arrive_whole_through_drops_5xx_bursts_and_late_answers()
    {
        Connect();
        FastRetries();
        var random = new Random(20261202);
        var why = new List<string>();
        int trials = 10, faults = 0, losses = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var name = $"single{trial}.mp4";
            var path = RandomVideo(name, random.Next(200_000, 1_500_000));
            var size = new FileInfo(path).Length;
            var fault = (trial % 4) switch
            {
                0 => new FaultDefinition { Kind = FaultKind.Drop, AfterBytes = random.NextInt64(1, size), Count = random.Next(1, 4) },
                1 => new FaultDefinition { Kind = FaultKind.Status, Status = 503, Count = random.Next(1, 4) },
                2 => new FaultDefinition { Kind = FaultKind.Status, Status = random.Next(0, 2) == 0 ? 500 : 502, Count = random.Next(1, 4) },
                _ => new FaultDefinition { Kind = FaultKind.DelayHeaders, DelayMs = random.Next(200, 900), Count = random.Next(1, 3) },
            };
            fault.Service = "deepmotion";
            fault.Method = "PUT";
            fault.Path = "/storage/o/";
            Emulator.AddFault(fault);
            faults += fault.Count;

            var (hung, output, errors) = Trials.Run(Shell, $"Send-Video -LiteralPath '{path}' -SinglePut");
            var upload = StoredUpload(name);
            var whole = upload.ValueKind != System.Text.Json.JsonValueKind.Undefined && upload.GetProperty("complete").GetBoolean()
                && upload.GetProperty("sha256").GetString() == Trials.Sha256(path);
            if (hung) hangs++;
            else if (output.Count == 1 && errors.Count == 0 && whole) handled++;
            else { losses++; why.Add($"trial {trial} ({fault.Kind} x{fault.Count}): errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception?.Message))}]" ); }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "DeepMotion", Case = "single PUT upload: drops at random offsets, 5xx bursts, late answers",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.True((0, 0, trials) == (losses, hangs, handled), string.Join("\n", why));
    }

    [Fact]
    public void Resumable_uploads_arrive_whole_through_late_answers_and_stalled_chunks()
    {
        Connect();
        FastRetries();
        var random = new Random(20261203);
        const int chunk = 256 * 1024;
        var why = new List<string>();
        int trials = 6, faults = 0, losses = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var name = $"late{trial}.mp4";
            var path = RandomVideo(name, random.Next(2 * chunk, 5 * chunk));
            // A chunk answered late (the server kept it), or a chunk whose handling starts late.
            var fault = new FaultDefinition
            {
                Service = "deepmotion", Method = "PUT", Path = "/storage/sessions/", Kind = trial % 2 == 0 ? FaultKind.DelayHeaders : FaultKind.Delay,
                DelayMs = random.Next(200, 900), Count = random.Next(1, 3), Skip = random.Next(0, 2),
            };
            Emulator.AddFault(fault);
            faults += fault.Count;

            var (hung, output, errors) = Trials.Run(Shell, $"Send-Video -LiteralPath '{path}' -ChunkSize {chunk}");
            var upload = StoredUpload(name);
            var whole = upload.ValueKind != System.Text.Json.JsonValueKind.Undefined && upload.GetProperty("complete").GetBoolean()
                && upload.GetProperty("sha256").GetString() == Trials.Sha256(path);
            if (hung) hangs++;
            else if (output.Count == 1 && errors.Count == 0 && whole) handled++;
            else { losses++; why.Add($"trial {trial} ({fault.Kind} x{fault.Count}): errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception?.Message))}]" ); }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "DeepMotion", Case = "resumable upload: late answers, chunks handled late",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.True((0, 0, trials) == (losses, hangs, handled), string.Join("\n", why));
    }

    [Fact]
    public void Result_downloads_arrive_whole_through_cuts_stalls_5xx_bursts_and_drops()
    {
        Connect();
        FastRetries();
        Shell.Run("$result = Send-Video -LiteralPath $assets/walk.mp4 | Start-AnimationJob -Format mp4, bvh | Wait-Job | Receive-Job").ThrowOnError();
        Shell.Run("$result | Save-Animation -Destination $work/clean").ThrowOnError();
        var clean = Trials.Tree(Path.Combine(Work, "clean"));
        var size = Directory.GetFiles(Path.Combine(Work, "clean"), "*.mp4").Select(f => new FileInfo(f).Length).Single();
        var random = new Random(20261204);
        var why = new List<string>();
        int trials = 10, faults = 0, losses = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var fault = Trials.DownloadFault(random, trial, "deepmotion", "/storage/results/", size);
            Emulator.AddFault(fault);
            faults += fault.Count;

            var folder = Path.Combine(Work, "t" + trial);
            var (hung, output, errors) = Trials.Run(Shell, $"$result | Save-Animation -Destination '{folder}'");
            var tree = Trials.Tree(folder);
            var identical = tree.Count == clean.Count && clean.All(f => tree.TryGetValue(f.Key, out var hash) && hash == f.Value);
            // Whatever is under a final name must be whole, even when the command failed.
            var partialUnderFinalName = tree.Any(f => !f.Key.Contains(".partial") && clean.TryGetValue(f.Key, out var hash) && hash != f.Value);
            if (hung) hangs++;
            else if (identical && errors.Count == 0 && !partialUnderFinalName) handled++;
            else { losses++; why.Add($"trial {trial} ({fault.Kind} x{fault.Count}): errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception?.Message))}]" + Trials.Diff(clean, tree)); }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "DeepMotion", Case = "result download: bodies cut and stalled at random offsets, 5xx bursts, drops",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.True((0, 0, trials) == (losses, hangs, handled), string.Join("\n", why));
    }
}

/// <summary>The Avatar SDK's multipart photo POST, export downloads and asset downloads through seeded faults.</summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class AvatarSdkTransferReliabilityTests : AvatarSdkTestBase
{
    public AvatarSdkTransferReliabilityTests(EmulatorFixture emulator) : base(emulator) { }

    void ConnectFast()
    {
        Connect();
        Shell.Run("""
            $retry = (Get-AnimationSession -Current AvatarSdk).Retry
            $retry.BaseDelay = [TimeSpan]::FromMilliseconds(20); $retry.BodyIdleTimeout = [TimeSpan]::FromSeconds(1)
            """).ThrowOnError();
    }

    [Fact]
    public void Photo_POSTs_store_the_photo_once_and_whole_through_drops_5xx_bursts_and_late_starts()
    {
        ConnectFast();
        var photo = Path.Combine(Work, "me.jpg");
        var photoHash = Trials.Sha256(photo);
        var size = new FileInfo(photo).Length;
        var random = new Random(20261205);
        var why = new List<string>();
        int trials = 8, faults = 0, losses = 0, duplicates = 0, adoptions = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var name = "photo" + trial;
            var fault = (trial % 3) switch
            {
                // Broken inside the photo: the service never gets a whole form, so it creates nothing.
                0 => new FaultDefinition { Kind = FaultKind.Drop, AfterBytes = random.NextInt64(1, size), Count = random.Next(1, 3) },
                1 => new FaultDefinition { Kind = FaultKind.Status, Status = 503, Count = random.Next(1, 4) },
                _ => new FaultDefinition { Kind = FaultKind.Delay, DelayMs = random.Next(200, 900), Count = 1 },
            };
            fault.Service = "avatarsdk";
            fault.Method = "POST";
            fault.Path = "^/avatarsdk/avatars/$";
            Emulator.AddFault(fault);
            faults += fault.Count;

            var (hung, output, errors) = Trials.Run(Shell, $"(New-Avatar -Photo ./me.jpg -Name {name} -Confirm:$false -WarningAction SilentlyContinue).Code");
            var created = Emulator.Server.State.AvatarSdk.ListAvatars().Where(a => a.Name == name).ToList();
            duplicates += Math.Max(0, created.Count - 1);
            var code = output.Count == 1 ? output[0]?.ToString() : null;
            if (code != null && created.All(a => a.Code != code))
            {
                adoptions++;
            }
            if (hung) hangs++;
            else if (errors.Count == 0 && created.Count == 1 && created[0].Code == code && created[0].PhotoSha256 == photoHash) handled++;
            else { losses++; why.Add($"trial {trial} ({fault.Kind} x{fault.Count}): errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception?.Message))}]" ); }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "AvatarSdk", Case = "multipart photo POST (New-Avatar): drops inside the photo, 5xx bursts, late starts",
            Trials = trials, Faults = faults, Losses = losses, Duplicates = duplicates, Adoptions = adoptions, Hangs = hangs, Handled = handled,
        });
        Assert.True((0, 0, 0, 0, trials) == (losses, duplicates, adoptions, hangs, handled), string.Join("\n", why));
    }

    [Fact]
    public void Export_downloads_arrive_whole_through_cuts_stalls_5xx_bursts_and_drops()
    {
        ConnectFast();
        Shell.Run("""
            $avatar = New-Avatar -Photo ./me.jpg -Pipeline head_2.0 -ExportParameter @{ format = 'glb' } -Confirm:$false | Wait-Job -Timeout 60 | Receive-Job
            $export = Get-AvatarExport -AvatarCode $avatar.Code | Select-Object -First 1
            Save-AvatarExport -AvatarCode $avatar.Code -ExportCode $export.Code -Destination $work/clean
            """).ThrowOnError();
        var clean = Trials.Tree(Path.Combine(Work, "clean"));
        var size = Directory.GetFiles(Path.Combine(Work, "clean"), "*.zip", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).Max();
        var random = new Random(20261206);
        var why = new List<string>();
        int trials = 8, faults = 0, losses = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var fault = Trials.DownloadFault(random, trial, "avatarsdk", "/exports/[^/]+/files/[^/]+/file/$", size);
            Emulator.AddFault(fault);
            faults += fault.Count;

            var folder = Path.Combine(Work, "t" + trial);
            var (hung, _, errors) = Trials.Run(Shell, $"Save-AvatarExport -AvatarCode $avatar.Code -ExportCode $export.Code -Destination '{folder}'");
            var tree = Trials.Tree(folder);
            var identical = tree.Count == clean.Count && clean.All(f => tree.TryGetValue(f.Key, out var hash) && hash == f.Value);
            if (hung) hangs++;
            else if (identical && errors.Count == 0) handled++;
            else { losses++; why.Add($"trial {trial} ({fault.Kind} x{fault.Count}): errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception?.Message))}]" + Trials.Diff(clean, tree)); }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "AvatarSdk", Case = "export download: bodies cut and stalled at random offsets, 5xx bursts, drops",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.True((0, 0, trials) == (losses, hangs, handled), string.Join("\n", why));
    }

    [Fact]
    public void Asset_downloads_arrive_whole_through_cuts_stalls_5xx_bursts_and_drops()
    {
        ConnectFast();
        Shell.Run("""
            $avatar = New-Avatar -Photo ./me.jpg -Confirm:$false | Wait-Job -Timeout 60 | Receive-Job
            Save-AvatarAsset -AvatarCode $avatar.Code -Asset Mesh, Thumbnail -Destination $work/clean
            """).ThrowOnError();
        var clean = Trials.Tree(Path.Combine(Work, "clean"));
        var size = Directory.GetFiles(Path.Combine(Work, "clean")).Select(f => new FileInfo(f).Length).Min();
        var random = new Random(20261207);
        var why = new List<string>();
        int trials = 8, faults = 0, losses = 0, hangs = 0, handled = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            Emulator.Server.State.Faults.Clear();
            var fault = Trials.DownloadFault(random, trial, "avatarsdk", "^/avatarsdk/avatars/[^/]+/(mesh|thumbnail)/$", size);
            Emulator.AddFault(fault);
            faults += fault.Count;

            var folder = Path.Combine(Work, "t" + trial);
            var (hung, _, errors) = Trials.Run(Shell, $"Save-AvatarAsset -AvatarCode $avatar.Code -Asset Mesh, Thumbnail -Destination '{folder}'");
            var tree = Trials.Tree(folder);
            var identical = tree.Count == clean.Count && clean.All(f => tree.TryGetValue(f.Key, out var hash) && hash == f.Value);
            if (hung) hangs++;
            else if (identical && errors.Count == 0) handled++;
            else { losses++; why.Add($"trial {trial} ({fault.Kind} x{fault.Count}): errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception?.Message))}]" + Trials.Diff(clean, tree)); }
        }

        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "AvatarSdk", Case = "asset download (mesh, thumbnail): bodies cut and stalled at random offsets, 5xx bursts, drops",
            Trials = trials, Faults = faults, Losses = losses, Hangs = hangs, Handled = handled,
        });
        Assert.True((0, 0, trials) == (losses, hangs, handled), string.Join("\n", why));
    }
}
