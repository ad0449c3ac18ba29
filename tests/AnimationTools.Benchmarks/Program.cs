using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Usage: dotnet run -c Release --project tests/AnimationTools.Benchmarks [-- sizesInMiB...] [--teleport-only] [--teleport-gib N]
// Starts the emulator in its own process (it keeps uploads in memory, which must not count here), hosts PowerShell
// with the module in this process, and prints for each file size the upload and then the download time, throughput,
// bytes allocated and the growth of this process's peak working set. Streaming means the last two stay flat as files
// grow. Then how many batched status requests follow 40 jobs. Last, Teleport: a sparse file of --teleport-gib GiB (6)
// uploaded in parallel S3 parts to the emulator's hash-only storage, with this process's peak memory above what it
// used with the module imported; and, with the emulator's per-connection cap, 4 parallel parts against 1.
var teleportOnly = args.Contains("--teleport-only");
var teleportGiB = args.SkipWhile(a => a != "--teleport-gib").Skip(1).Select(double.Parse).DefaultIfEmpty(6).First();
var sizes = args.TakeWhile(a => !a.StartsWith("--")).Select(int.Parse).DefaultIfEmpty().Where(n => n > 0).ToArray();
if (sizes.Length == 0) sizes = new[] { 16, 64, 256 };
var root = FindRoot();
var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
var emulatorDll = Path.Combine(root, "src/AnimationTools.Emulator/bin", configuration, "net10.0/AnimationTools.Emulator.dll");

using var emulator = Process.Start(new ProcessStartInfo("dotnet", $"\"{emulatorDll}\" --urls http://127.0.0.1:0 --job-seconds 1") { RedirectStandardOutput = true })!;
var services = new Dictionary<string, string>();
while (!services.ContainsKey("control"))
{
    var line = emulator.StandardOutput.ReadLine() ?? throw new InvalidOperationException("emulator did not start");
    var colon = line.IndexOf(": ", StringComparison.Ordinal);
    if (colon > 0) services[line[..colon]] = line[(colon + 2)..];
}
var endpoint = services["deepmotion"];

try
{
    using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    Invoke(runspace, $"Import-Module '{Path.Combine(root, "AnimationTools.psd1")}'; $ProgressPreference = 'SilentlyContinue'");
    runspace.SessionStateProxy.SetVariable("cred", new PSCredential("demo", Secure("demo-secret")));
    Invoke(runspace, $"Connect-DeepMotion -Credential $cred -Endpoint '{endpoint}' -PollIntervalSeconds 0.1");
    if (teleportOnly) goto Teleport;

    Console.WriteLine("upload (resumable, 8 MiB chunks)");
    Console.WriteLine($"{"size MiB",9} {"seconds",8} {"MiB/s",8} {"allocated MiB",14} {"peak WS growth MiB",19}");
    var work = Directory.CreateTempSubdirectory("animtools-bench-").FullName;
    var inputs = new List<(int Size, string Url)>();
    foreach (var size in sizes)
    {
        var path = Path.Combine(work, $"clip{size}.mp4");
        WriteFile(path, size * 1024L * 1024);
        Measure(size, () => Invoke(runspace, $"$video = Send-Video -LiteralPath '{path}'"));
        // A job keeps its input on the emulator's storage: the download below fetches it back (the job is not followed).
        var rid = Invoke(runspace, "$job = $video | Start-AnimationJob -Format bvh -Confirm:$false; $job | Stop-Job; $job.Rid").Single().ToString();
        inputs.Add((size, $"{endpoint}/storage/results/{rid}/input/clip{size}.mp4"));
        File.Delete(path);
    }

    Console.WriteLine();
    Console.WriteLine("download (streamed to disk, the module's FileDownload)");
    Console.WriteLine($"{"size MiB",9} {"seconds",8} {"MiB/s",8} {"allocated MiB",14} {"peak WS growth MiB",19}");
    Invoke(runspace, $"$http = [AnimationTools.Core.Http.HttpPipeline]::new('Benchmark', [uri]'{endpoint}', [AnimationTools.Core.Http.RetrySettings]::new(), $null); $download = [AnimationTools.Core.Transfer.FileDownload]::new($http)");
    foreach (var (size, url) in inputs)
    {
        var target = Path.Combine(work, $"download{size}.mp4");
        Measure(size, () => Invoke(runspace, $"$null = $download.DownloadAsync('{url}', '{target}', [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()"));
        if (new FileInfo(target).Length != size * 1024L * 1024) throw new InvalidOperationException($"download of {size} MiB is incomplete");
        File.Delete(target);
    }

    Console.WriteLine();
    const int jobs = 40;
    var asset = Path.Combine(root, "tests/assets/walk.mp4");
    var statusRequestsBefore = StatusRequests();
    var started = Stopwatch.StartNew();
    Invoke(runspace, $"$video = Send-Video -LiteralPath '{asset}'; $jobs = 1..{jobs} | ForEach-Object {{ $video | Start-AnimationJob -Format bvh -Confirm:$false }}; $null = $jobs | Wait-Job");
    started.Stop();
    var statusRequests = StatusRequests() - statusRequestsBefore;
    Console.WriteLine($"{jobs} jobs followed to completion in {started.Elapsed.TotalSeconds:0.0} s with {statusRequests} batched status requests");
    Directory.Delete(work, recursive: true);

Teleport:
    Console.WriteLine();
    TeleportSection(runspace, services, teleportGiB);
}
finally
{
    emulator.Kill();
}

// Teleport: the upload of a sparse file of `gib` GiB (hash-only storage on the emulator) with the peak memory above the
// working set this process had with the module imported and connected; then a capped connection, 4 parts against 1.
static void TeleportSection(Runspace runspace, Dictionary<string, string> services, double gib)
{
    var control = services["control"];
    using var http = new HttpClient();
    void Configure(string json) => http.PostAsync(control + "/teleport/config", new StringContent(json, System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
    Configure("{\"storeUploads\":false,\"partBandwidth\":0,\"processingMs\":200}");
    var state = Directory.CreateTempSubdirectory("animtools-bench-state-").FullName;
    Environment.SetEnvironmentVariable("ANIMATIONTOOLS_STATE", state);
    Invoke(runspace, $"$teleport = Connect-Teleport -Credential $cred -Endpoint '{services["teleport"]}' -TokenEndpoint '{services["teleport-signin"]}/oauth2/token' -PassThru");

    var work = Directory.CreateTempSubdirectory("animtools-bench-teleport-").FullName;
    var big = Path.Combine(work, "big.mp4");
    var bytes = (long)(gib * 1024 * 1024 * 1024);
    SparseVideo(big, bytes);
    Console.WriteLine($"Teleport upload (S3 parts of 5 MiB, 4 in parallel, sparse file, emulator storage hash-only)");
    Console.WriteLine($"{"size GiB",9} {"parts",6} {"seconds",8} {"MiB/s",8} {"peak above module MiB",22} {"GC heap peak MiB",17}");
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var baseline = self.WorkingSet64;
    long peak = baseline;
    long heapPeak = GC.GetTotalMemory(false);
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        using var me = Process.GetCurrentProcess();
        while (!sampling.IsCancellationRequested)
        {
            me.Refresh();
            peak = Math.Max(peak, me.WorkingSet64);
            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
        }
    });
    var watch = Stopwatch.StartNew();
    var eid = Invoke(runspace, $"$job = New-TeleportCapture -LiteralPath '{big}' -Session $teleport -Confirm:$false; $job.Eid").Single().ToString();
    watch.Stop();
    sampling.Cancel();
    sampler.GetAwaiter().GetResult();
    var upload = System.Text.Json.JsonDocument.Parse(http.GetStringAsync(control + "/teleport/uploads/" + eid).GetAwaiter().GetResult()).RootElement;
    var parts = upload.GetProperty("numParts").GetInt32();
    if (!upload.GetProperty("completed").GetBoolean()) throw new InvalidOperationException("the Teleport upload did not complete");
    Console.WriteLine($"{gib,9:0.##} {parts,6} {watch.Elapsed.TotalSeconds,8:0.0} {bytes / 1048576.0 / watch.Elapsed.TotalSeconds,8:0.0} {(peak - baseline) / 1048576.0,22:0.0} {heapPeak / 1048576.0,17:0.0}");
    File.Delete(big);

    // With a cap per connection, parallel parts multiply the throughput.
    // 16 parts of 5 MiB: four rounds of four in parallel.
    const long capped = 80L * 1024 * 1024;
    const int bandwidth = 8 * 1024 * 1024;
    Configure($"{{\"partBandwidth\":{bandwidth}}}");
    Console.WriteLine();
    Console.WriteLine($"Teleport parallel parts, {bandwidth / 1048576} MiB/s per connection, {capped / 1048576} MiB");
    Console.WriteLine($"{"parts at once",14} {"seconds",8} {"MiB/s",8}");
    var seconds = new Dictionary<int, double>();
    foreach (var throttle in new[] { 1, 4 })
    {
        var path = Path.Combine(work, $"capped{throttle}.mp4");
        SparseVideo(path, capped);
        var timer = Stopwatch.StartNew();
        Invoke(runspace, $"$null = New-TeleportCapture -LiteralPath '{path}' -ThrottleLimit {throttle} -Session $teleport -Confirm:$false");
        timer.Stop();
        seconds[throttle] = timer.Elapsed.TotalSeconds;
        Console.WriteLine($"{throttle,14} {timer.Elapsed.TotalSeconds,8:0.0} {capped / 1048576.0 / timer.Elapsed.TotalSeconds,8:0.0}");
        File.Delete(path);
    }
    Console.WriteLine($"4 parallel parts: {seconds[1] / seconds[4]:0.00}x the throughput of 1");
    Invoke(runspace, "Get-Job | Remove-Job -Force");
    Directory.Delete(work, recursive: true);
    Directory.Delete(state, recursive: true);
}

// A sparse file of `bytes` bytes that starts like an MP4, so New-TeleportCapture takes it for a video.
static void SparseVideo(string path, long bytes)
{
    using var file = File.Create(path);
    file.Write(new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m' });
    file.SetLength(bytes);
}

int StatusRequests()
{
    using var http = new HttpClient();
    var log = http.GetStringAsync(endpoint.Replace("/deepmotion", "/_emulator/requests?service=deepmotion")).GetAwaiter().GetResult();
    return System.Text.RegularExpressions.Regex.Matches(log, "\"path\":\"/deepmotion/status/").Count;
}

// Prints one line: time, throughput, bytes allocated by this process and the growth of its peak working set.
static void Measure(int sizeMiB, Action transfer)
{
    GC.Collect();
    var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    transfer();
    watch.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    var peakGrowth = Process.GetCurrentProcess().PeakWorkingSet64 - peakBefore;
    Console.WriteLine($"{sizeMiB,9} {watch.Elapsed.TotalSeconds,8:0.00} {sizeMiB / watch.Elapsed.TotalSeconds,8:0.0} {allocated / 1048576.0,14:0.0} {peakGrowth / 1048576.0,19:0.0}");
}

static System.Collections.ObjectModel.Collection<PSObject> Invoke(Runspace runspace, string script)
{
    using var ps = PowerShell.Create();
    ps.Runspace = runspace;
    var output = ps.AddScript(script).Invoke();
    if (ps.HadErrors) throw new InvalidOperationException(string.Join("\n", ps.Streams.Error));
    return output;
}

static void WriteFile(string path, long bytes)
{
    var block = new byte[1024 * 1024];
    new Random(1).NextBytes(block);
    using var file = File.Create(path);
    for (long written = 0; written < bytes; written += block.Length) file.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
}

static System.Security.SecureString Secure(string text)
{
    var secure = new System.Security.SecureString();
    foreach (var c in text) secure.AppendChar(c);
    return secure;
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory != null && !File.Exists(Path.Combine(directory.FullName, "AnimationTools.psd1"))) directory = directory.Parent;
    return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
}
