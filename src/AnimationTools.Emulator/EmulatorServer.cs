using AnimationTools.Emulator.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace AnimationTools.Emulator;

/// <summary>
/// A running emulator on a loopback port: every emulated service under its own path prefix
/// (<c>/deepmotion</c>, ...) and the control API under <c>/_emulator</c>.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmulatorServer(WebApplication app, EmulatorState state, Uri baseAddress)
    {
        this.app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Direct access to request log, faults and service state.</summary>
    public EmulatorState State { get; }

    /// <summary>Names of the emulated services, e.g. <c>deepmotion</c>.</summary>
    public IReadOnlyList<string> Services => State.Services.Select(s => s.Name).ToList();

    /// <summary>Base URL of the control API, e.g. <c>http://127.0.0.1:41234/_emulator</c>.</summary>
    public string ControlUrl => $"{Origin}/{ServicePath.ControlSegment}";

    private string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts an emulator on <see cref="EmulatorOptions.ListenUrl"/> (by default a free loopback port).</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        options.Validate();

        var state = new EmulatorState(options, TimeProvider.System);
        var app = BuildApplication(options, state);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            await state.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, state, new Uri(bound));
    }

    /// <summary>Base URL of one service, e.g. <c>ServiceUrl("deepmotion")</c> → <c>http://127.0.0.1:41234/deepmotion</c>.</summary>
    public string ServiceUrl(string service)
    {
        if (!State.Services.Any(s => string.Equals(s.Name, service, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Unknown service '{service}'. Known: {string.Join(", ", Services)}.", nameof(service));
        }

        return $"{Origin}/{service}";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await State.DisposeAsync();
    }

    private static WebApplication BuildApplication(EmulatorOptions options, EmulatorState state)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.ListenUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Uploads of test videos can be large and tests may stall a body on purpose.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        // A test that leaves an upload stalled must not make DisposeAsync wait for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        app.UseMiddleware<RequestLoggingMiddleware>(state.Requests, state.Clock);
        app.UseMiddleware<FaultInjectionMiddleware>(state.Faults);
        foreach (var service in state.Services)
        {
            service.MapRoutes(app.MapGroup("/" + service.Name));
        }

        ControlApi.Map(app, state, state.Services);
        app.MapFallback((HttpContext context) =>
            ApiResults.NotFound($"No route for {context.Request.Method} {context.Request.Path}."));
        return app;
    }
}
