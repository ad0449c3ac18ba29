using System.Collections.Concurrent;
using System.Security.Cryptography;
using AnimationTools.Core.Auth;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Transfer;
using Flurl.Http.Testing;
using Microsoft.AspNetCore.Http;

namespace AnimationTools.Core.Tests;

/// <summary>
/// The S3-style parallel part upload against a loopback storage: parts in parallel within the throttle, exact lengths,
/// ETags kept in order, a failing part tried again alone with a fresh URL, the journal skipping finished parts.
/// </summary>
public sealed class MultipartUploadTests : IDisposable
{
    const int PartSize = 64 * 1024;

    readonly string _path = Path.GetTempFileName();
    readonly byte[] _data = new byte[PartSize * 9 + 123];
    readonly string _journalRoot = Directory.CreateTempSubdirectory("parts-").FullName;

    public MultipartUploadTests()
    {
        new Random(5).NextBytes(_data);
        File.WriteAllBytes(_path, _data);
    }

    sealed class Storage
    {
        public readonly ConcurrentDictionary<int, int> Attempts = new();
        public readonly ConcurrentDictionary<int, byte[]> Stored = new();
        public readonly ConcurrentBag<long?> Lengths = new();
        public readonly ConcurrentBag<bool> Authorized = new();
        public int Concurrent;
        public int MostConcurrent;
        public Func<int, int, int> Fail = (part, attempt) => 0;

        public async Task Handle(HttpContext context)
        {
            var part = int.Parse(context.Request.Path.Value!.Split('/').Last());
            var attempt = Attempts.AddOrUpdate(part, 1, (_, n) => n + 1);
            var now = Interlocked.Increment(ref Concurrent);
            lock (this) MostConcurrent = Math.Max(MostConcurrent, now);
            try
            {
                Lengths.Add(context.Request.ContentLength);
                Authorized.Add(context.Request.Headers.ContainsKey("Authorization"));
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                await Task.Delay(30);
                var status = Fail(part, attempt);
                if (status != 0)
                {
                    context.Response.StatusCode = status;
                    return;
                }
                Stored[part] = body.ToArray();
                context.Response.Headers.ETag = "\"" + Convert.ToHexStringLower(MD5.HashData(body.ToArray())) + "\"";
            }
            finally
            {
                Interlocked.Decrement(ref Concurrent);
            }
        }
    }

    static HttpPipeline Pipeline(Uri url) => new HttpPipeline("Probe", url, new RetrySettings());

    [Fact]
    public async Task Parts_go_in_parallel_within_the_throttle_with_their_exact_lengths_and_a_failing_part_is_tried_alone()
    {
        var storage = new Storage { Fail = (part, attempt) => part == 4 && attempt <= 2 ? 503 : 0 };
        await using var server = await LoopbackServer.StartAsync(storage.Handle);
        var urlsAsked = new ConcurrentDictionary<int, int>();
        var upload = new MultipartUpload(Pipeline(server.Url)) { ThrottleLimit = 3, RetryDelay = TimeSpan.FromMilliseconds(10) };
        var journal = new UploadJournal(_journalRoot);
        journal.Save("k", new UploadRecord { Session = "s" });

        var parts = await upload.UploadAsync(new FileUploadSource(_path), PartSize, 10,
            (n, _) => { urlsAsked.AddOrUpdate(n, 1, (_, c) => c + 1); return Task.FromResult(new Uri(server.Url, "parts/" + n + "?sig=" + Guid.NewGuid())); },
            null, journal, "k", "Uploading", CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 10), parts.Select(p => p.Number));
        Assert.Equal(_data, Enumerable.Range(1, 10).SelectMany(n => storage.Stored[n]).ToArray());
        Assert.All(parts, p => Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(storage.Stored[p.Number])) + "\"", p.ETag));
        Assert.InRange(storage.MostConcurrent, 2, 3);
        Assert.Equal(3, storage.Attempts[4]);
        Assert.Equal(3, urlsAsked[4]);
        Assert.All(Enumerable.Range(1, 10).Where(n => n != 4), n => Assert.Equal(1, storage.Attempts[n]));
        Assert.All(storage.Lengths, l => Assert.True(l == PartSize || l == 123));
        Assert.DoesNotContain(true, storage.Authorized);
        Assert.Equal(10, MultipartUpload.PartsOf(journal.Find("k")).Count);
    }

    [Fact]
    public async Task Parts_the_journal_holds_are_not_sent_again_and_a_part_that_keeps_failing_ends_the_upload()
    {
        var storage = new Storage { Fail = (part, attempt) => part == 7 ? 500 : 0 };
        await using var server = await LoopbackServer.StartAsync(storage.Handle);
        var upload = new MultipartUpload(Pipeline(server.Url)) { ThrottleLimit = 4, RetryDelay = TimeSpan.FromMilliseconds(5) };
        var done = Enumerable.Range(1, 5).ToDictionary(n => n, n => "\"done" + n + "\"");

        var failure = await Assert.ThrowsAsync<Core.Errors.AnimationToolsException>(() => upload.UploadAsync(new FileUploadSource(_path), PartSize, 10,
            (n, _) => Task.FromResult(new Uri(server.Url, "parts/" + n)), done, null, null, "Uploading", CancellationToken.None));

        Assert.Equal("Probe.UploadFailed", failure.ErrorId);
        Assert.Equal(6, storage.Attempts[7]);
        Assert.All(Enumerable.Range(1, 5), n => Assert.False(storage.Attempts.ContainsKey(n)));
    }

    [Fact]
    public async Task A_token_request_can_be_JSON_with_the_client_in_the_body()
    {
        using var test = new HttpTest();
        test.RespondWithJson(new { access_token = "tok", expires_in = 3600, token_type = "bearer" });
        var http = Pipeline(new Uri("https://api.example.com/"));
        var secret = new System.Security.SecureString();
        foreach (var c in "s3cret") secret.AppendChar(c);
        var tokens = new OAuth2ClientCredentialsAuthenticator(http, "https://signin.example.com/oauth2/token", new ClientCredential("client", secret),
            ClientAuthentication.Form, "openid profile email", TokenRequestFormat.Json);

        await tokens.RenewAsync(0, CancellationToken.None);

        var call = test.CallLog.Single();
        Assert.Equal("https://signin.example.com/oauth2/token", call.Request.Url.ToString());
        Assert.StartsWith("application/json", call.HttpRequestMessage.Content.Headers.ContentType.ToString());
        using var body = System.Text.Json.JsonDocument.Parse(call.RequestBody);
        Assert.Equal("client_credentials", body.RootElement.GetProperty("grant_type").GetString());
        Assert.Equal("client", body.RootElement.GetProperty("client_id").GetString());
        Assert.Equal("s3cret", body.RootElement.GetProperty("client_secret").GetString());
        Assert.Equal("openid profile email", body.RootElement.GetProperty("scope").GetString());
        Assert.Null(call.HttpRequestMessage.Headers.Authorization);
        Assert.True(tokens.Expires > DateTimeOffset.UtcNow.AddMinutes(59));
    }

    public void Dispose()
    {
        File.Delete(_path);
        Directory.Delete(_journalRoot, recursive: true);
    }
}
