namespace AnimationTools.Emulator.DeepMotion;

/// <summary>A registered webhook endpoint of one account.</summary>
internal sealed record WebhookEndpoint(string Id, string ClientId, string Url, IReadOnlyList<string> Events)
{
    public const string JobCompleted = "job.completed";

    public static readonly IReadOnlyList<string> KnownEvents = [JobCompleted];

    public object ToResource() => new { id = Id, @object = "webhook_endpoint", url = Url, events = Events };
}
