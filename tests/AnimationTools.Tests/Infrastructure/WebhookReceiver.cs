using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>A webhook receiver on a free loopback port that keeps every request's raw body and headers.</summary>
public sealed class WebhookReceiver : IDisposable
{
    readonly HttpListener _listener = new();
    readonly Task _loop;
    readonly ConcurrentQueue<int> _answers = new();

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public BlockingCollection<(byte[] Body, Dictionary<string, string> Headers)> Received { get; } = new();

    /// <summary>Statuses to answer the next requests with, in order; 200 once they are used up.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _answers.Enqueue(status);
    }

    public (byte[] Body, Dictionary<string, string> Headers) Next(TimeSpan? timeout = null, Func<string> explain = null)
    {
        Assert.True(Received.TryTake(out var item, timeout ?? TimeSpan.FromSeconds(15)), "no webhook arrived " + explain?.Invoke());
        return item;
    }

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.ToDictionary(k => k, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
            context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
            Received.Add((body.ToArray(), headers));
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
