using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Usage: dotnet run -c Release --project tests/AnimationTools.Benchmarks [-- sizesInMiB...]
// Starts the emulator in its own process (it keeps uploads in memory, which must not count here), hosts PowerShell
// with the module in this process, and prints for each file size the upload and then the download time, throughput,
// bytes allocated and the growth of this process's peak working set. Streaming means the last two stay flat as files
// grow. Last, how many batched status requests follow 40 jobs.
var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 16, 64, 256 };
var root = FindRoot();
var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
var emulatorDll = Path.Combine(root, "src/AnimationTools.Emulator/bin", configuration, "net10.0/AnimationTools.Emulator.dll");

using var emulator = Process.Start(new ProcessStartInfo("dotnet", $"\"{emulatorDll}\" --urls http://127.0.0.1:0 --job-seconds 1") { RedirectStandardOutput = true })!;
string endpoint = null;
while (endpoint == null)
{
    var line = emulator.StandardOutput.ReadLine() ?? throw new InvalidOperationException("emulator did not start");
    if (line.StartsWith("deepmotion: ")) endpoint = line["deepmotion: ".Length..];
}

try
{
    using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    Invoke(runspace, $"Import-Module '{Path.Combine(root, "AnimationTools.psd1")}'; $ProgressPreference = 'SilentlyContinue'");
    runspace.SessionStateProxy.SetVariable("cred", new PSCredential("demo", Secure("demo-secret")));
    Invoke(runspace, $"Connect-DeepMotion -Credential $cred -Endpoint '{endpoint}' -PollIntervalSeconds 0.1");

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
}
finally
{
    emulator.Kill();
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
