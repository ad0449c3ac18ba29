using System.Net.Http.Json;
using System.Text.Json;
using AnimationTools.Emulator;
using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>One emulator for the whole test run, on a free loopback port; each test resets it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    readonly HttpClient _control = new();

    public EmulatorServer Server { get; private set; }

    public string DeepMotionUrl => Server.ServiceUrl("deepmotion");

    public string AvatarSdkUrl => Server.ServiceUrl("avatarsdk");

    /// <summary>API root of the Teleport emulator, e.g. <c>http://127.0.0.1:41234/teleport</c>.</summary>
    public string TeleportUrl => Server.ServiceUrl("teleport");

    /// <summary>Teleport's token endpoint, e.g. <c>http://127.0.0.1:41234/teleport-signin/oauth2/token</c>.</summary>
    public string TeleportTokenUrl => Server.ServiceUrl("teleport-signin") + "/oauth2/token";

    public string DanimUrl => Server.ServiceUrl("danim");

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            JobDuration = TimeSpan.FromSeconds(1),
            JobSteps = 4,
            WebhookBaseDelay = TimeSpan.FromMilliseconds(100),
            AvatarSdk = new AnimationTools.Emulator.AvatarSdk.AvatarSdkOptions
            {
                UploadingTime = TimeSpan.FromMilliseconds(100),
                QueuedTime = TimeSpan.FromMilliseconds(100),
                ComputingTime = TimeSpan.FromMilliseconds(500),
                ExportTime = TimeSpan.FromMilliseconds(300),
                // Tests of throttling lower it; the others must never meet it.
                ThrottleRequests = 100_000,
            },
            Teleport = new AnimationTools.Emulator.Teleport.TeleportOptions
            {
                ProcessingTime = TimeSpan.FromMilliseconds(300),
                WebhookBaseDelay = TimeSpan.FromMilliseconds(100),
            },
            Danim = new AnimationTools.Emulator.Danim.DanimOptions
            {
                PendingTime = TimeSpan.FromMilliseconds(100),
                GeneratingTime = TimeSpan.FromMilliseconds(300),
                CallbackBaseDelay = TimeSpan.FromMilliseconds(100),
                // Tests of the rate limit lower it; the others must never meet it.
                RequestsPerMinute = 100_000,
            },
        });
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await Server.DisposeAsync();
    }

    public void Reset() => Server.State.Reset();

    public IReadOnlyList<RecordedRequest> Requests(string service = "deepmotion") => Server.State.Requests.List(service);

    public void AddFault(FaultDefinition fault) => Server.State.Faults.Add(fault);

    /// <summary>POSTs a JSON body to a control route such as <c>deepmotion/next-job</c>.</summary>
    public void Control(string route, object body = null)
    {
        var response = _control.PostAsJsonAsync(Server.ControlUrl + "/" + route, body ?? new { }).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"control {route}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    public JsonElement ControlGet(string route)
    {
        var text = _control.GetStringAsync(Server.ControlUrl + "/" + route).GetAwaiter().GetResult();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}
