using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnimationTools.Core.Tests;

/// <summary>A server on a free loopback port that answers every request with one handler, for tests of the pipeline.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    readonly WebApplication _app;

    LoopbackServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The server's base URL, ending with a slash.</summary>
    public Uri Url { get; }

    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
