using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Transfer;
using Microsoft.AspNetCore.Http;

namespace AnimationTools.Core.Tests;

/// <summary>
/// FileDownload against a small file server with ranges and an ETag that can stall a body after some bytes: a stall
/// is a broken connection (the idle timeout), resumed from the bytes received with If-Range; what a resume builds on
/// must provably be the same file.
/// </summary>
public sealed class FileDownloadTests : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("download-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    /// <summary>A file server: ranges (honouring If-Range against its ETag), and a stall after some bytes of the first N answers.</summary>
    sealed class FileServer
    {
        public byte[] Content { get; set; }
        public string ETag { get; set; } = "\"v1\"";
        public int StallAfter { get; set; } = -1;
        public int Stalls { get; set; }
        public bool IgnoreIfRange { get; set; }
        public ConcurrentQueue<IHeaderDictionary> Requests { get; } = new();

        public async Task Handle(HttpContext context)
        {
            Requests.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            var from = 0;
            var range = context.Request.Headers.Range.ToString();
            var ifRange = context.Request.Headers.IfRange.ToString();
            if (range.StartsWith("bytes=") && (IgnoreIfRange || ifRange == "" || ifRange == ETag))
            {
                from = int.Parse(range["bytes=".Length..].TrimEnd('-'));
                if (from >= Content.Length)
                {
                    context.Response.StatusCode = 416;
                    context.Response.Headers.ContentRange = $"bytes */{Content.Length}";
                    return;
                }
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {from}-{Content.Length - 1}/{Content.Length}";
            }
            context.Response.Headers.ETag = ETag;
            context.Response.ContentLength = Content.Length - from;
            var body = Content.AsMemory(from);
            if (Stalls > 0 && StallAfter >= 0)
            {
                Stalls--;
                var first = Math.Min(StallAfter, body.Length);
                await context.Response.Body.WriteAsync(body[..first]);
                await context.Response.Body.FlushAsync();
                try { await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); } catch (OperationCanceledException) { }
                return;
            }
            await context.Response.Body.WriteAsync(body);
        }
    }

    static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    static HttpPipeline Pipeline(Uri url) => new HttpPipeline("Probe", url, new RetrySettings
    {
        BaseDelay = TimeSpan.FromMilliseconds(10),
        BodyIdleTimeout = TimeSpan.FromSeconds(1),
    });

    [Fact]
    public async Task A_body_that_stalls_is_resumed_from_the_received_offset_with_If_Range()
    {
        var files = new FileServer { Content = RandomBytes(1_000_000, 1), StallAfter = 300_000, Stalls = 1 };
        await using var server = await LoopbackServer.StartAsync(files.Handle);
        using var http = Pipeline(server.Url);
        var target = Path.Combine(_work, "result.bin");

        var watch = Stopwatch.StartNew();
        var file = await new FileDownload(http).DownloadAsync(new Flurl.Url(server.Url + "result.bin"), target, CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(files.Content, File.ReadAllBytes(file.FullName));
        var requests = files.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("bytes=300000-", requests[1]["Range"].ToString());
        Assert.Equal("\"v1\"", requests[1]["If-Range"].ToString());
        Assert.False(File.Exists(target + FileDownload.PartialSuffix));
        Assert.False(File.Exists(target + FileDownload.ValidatorSuffix));
    }

    [Fact]
    public async Task A_body_that_stalls_on_every_attempt_ends_with_DownloadStalled_and_keeps_the_partial_file()
    {
        var files = new FileServer { Content = RandomBytes(500_000, 2), StallAfter = 0, Stalls = 100 };
        await using var server = await LoopbackServer.StartAsync(files.Handle);
        using var http = Pipeline(server.Url);
        var target = Path.Combine(_work, "stuck.bin");

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AnimationToolsException>(() =>
            new FileDownload(http).DownloadAsync(new Flurl.Url(server.Url + "stuck.bin"), target, CancellationToken.None));

        Assert.Equal("Probe.DownloadStalled", error.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        Assert.Contains("no data for 1 s", error.Message);
        Assert.Equal(FileDownload.MaxAttemptsWithoutProgress, files.Requests.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_partial_file_of_other_content_is_not_resumed_onto()
    {
        var files = new FileServer { Content = RandomBytes(400_000, 3), ETag = "\"v2\"" };
        await using var server = await LoopbackServer.StartAsync(files.Handle);
        using var http = Pipeline(server.Url);
        var target = Path.Combine(_work, "changed.bin");
        // Left by a download of an earlier version of the file, whose ETag was "v1".
        File.WriteAllBytes(target + FileDownload.PartialSuffix, RandomBytes(150_000, 99));
        File.WriteAllText(target + FileDownload.ValidatorSuffix, """{"etag":"\"v1\"","length":400000}""");

        await new FileDownload(http).DownloadAsync(new Flurl.Url(server.Url + "changed.bin"), target, CancellationToken.None);

        Assert.Equal(files.Content, File.ReadAllBytes(target));
        var request = Assert.Single(files.Requests);
        Assert.Equal("\"v1\"", request["If-Range"].ToString());
    }

    [Fact]
    public async Task A_partial_file_without_a_saved_validator_is_downloaded_again_from_the_start()
    {
        var files = new FileServer { Content = RandomBytes(300_000, 4) };
        await using var server = await LoopbackServer.StartAsync(files.Handle);
        using var http = Pipeline(server.Url);
        var target = Path.Combine(_work, "stale.bin");
        File.WriteAllBytes(target + FileDownload.PartialSuffix, RandomBytes(100_000, 98));

        await new FileDownload(http).DownloadAsync(new Flurl.Url(server.Url + "stale.bin"), target, CancellationToken.None);

        Assert.Equal(files.Content, File.ReadAllBytes(target));
        Assert.False(Assert.Single(files.Requests).ContainsKey("Range"));
    }

    [Fact]
    public async Task A_range_of_a_file_of_another_length_is_not_appended()
    {
        // A server that ignores If-Range and now holds a longer file under the same name.
        var files = new FileServer { Content = RandomBytes(600_000, 5), IgnoreIfRange = true };
        await using var server = await LoopbackServer.StartAsync(files.Handle);
        using var http = Pipeline(server.Url);
        var target = Path.Combine(_work, "grown.bin");
        File.WriteAllBytes(target + FileDownload.PartialSuffix, files.Content.AsSpan(0, 100_000).ToArray());
        File.WriteAllText(target + FileDownload.ValidatorSuffix, """{"etag":"\"v1\"","length":500000}""");

        await new FileDownload(http).DownloadAsync(new Flurl.Url(server.Url + "grown.bin"), target, CancellationToken.None);

        Assert.Equal(files.Content, File.ReadAllBytes(target));
        var requests = files.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.False(requests[1].ContainsKey("Range"));
    }
}
