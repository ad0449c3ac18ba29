using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>
/// One small loopback server listening on two ports, that is two origins: <see cref="Own"/> plays a service and
/// <see cref="Foreign"/> another host its answers point to (a Link header, a redirect). Every request is logged with
/// the port it came in on and its headers, so tests can check what each origin was sent.
/// </summary>
public sealed class TwoOriginServer : IAsyncDisposable
{
    readonly WebApplication _app;

    TwoOriginServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Own { get; private set; }

    public Uri Foreign { get; private set; }

    public ConcurrentQueue<(int Port, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)> Log { get; } = new();

    /// <summary>Starts the server; <paramref name="map"/> adds the routes, whose handlers may read <see cref="Own"/> and <see cref="Foreign"/>.</summary>
    public static async Task<TwoOriginServer> StartAsync(Action<WebApplication, TwoOriginServer> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TwoOriginServer(app);
        app.Use(async (context, next) =>
        {
            server.Log.Enqueue((context.Connection.LocalPort, context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await next(context);
        });
        map(app, server);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        server.Own = addresses[0];
        server.Foreign = addresses[1];
        return server;
    }

    /// <summary>The requests that reached the foreign origin.</summary>
    public IReadOnlyList<(int Port, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)> ForeignRequests() =>
        Log.Where(r => r.Port == Foreign.Port).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
