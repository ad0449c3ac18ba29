namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>A registered player (one per app installation); players never expire.</summary>
internal sealed record Player(string Code, string ClientId, string Comment, DateTimeOffset CreatedOn);

internal sealed class PlayerStore
{
    private readonly object sync = new();
    private readonly List<Player> players = [];

    public Player Add(string clientId, string comment, DateTimeOffset now)
    {
        var player = new Player(Guid.NewGuid().ToString(), clientId, comment, now);
        lock (sync)
        {
            players.Add(player);
        }

        return player;
    }

    public Player? Find(string code)
    {
        lock (sync)
        {
            return players.FirstOrDefault(p => p.Code == code);
        }
    }

    public IReadOnlyList<Player> OfClient(string clientId)
    {
        lock (sync)
        {
            return players.Where(p => p.ClientId == clientId).OrderByDescending(p => p.CreatedOn).ToList();
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            players.Clear();
        }
    }
}

/// <summary><c>/players/</c> (§4): register (also in client access mode, without X-PlayerUID), list, get.</summary>
internal sealed class PlayerRoutes(AvatarSdkState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/players/", (Func<HttpContext, Task<IResult>>)CreateAsync).WithMetadata(WithoutPlayer.Instance).DisableAntiforgery();
        api.MapGet("/players/", (HttpContext context) =>
            Paging.Page(context, state.Players.OfClient(Caller.Of(context).ClientId), p => Dto(context, p))).WithMetadata(DeveloperOnly.Instance);
        api.MapGet("/players/{code}/", (string code, HttpContext context) =>
            state.Players.Find(code) is { } player && player.ClientId == Caller.Of(context).ClientId
                && (Caller.Of(context).PlayerCode is null || Caller.Of(context).PlayerCode == code)
                ? Drf.Json(Dto(context, player))
                : Drf.NotFound());
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var comment = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["comment"].ToString() : string.Empty;
        var player = state.Players.Add(Caller.Of(context).ClientId, comment, state.Clock.GetUtcNow());
        return Drf.Json(Dto(context, player), StatusCodes.Status201Created);
    }

    private static Dictionary<string, object?> Dto(HttpContext context, Player player) => new()
    {
        ["url"] = AvatarSdkUrls.Api(context, $"players/{player.Code}/"),
        ["code"] = player.Code,
        ["created_on"] = AvatarSdkUrls.Time(player.CreatedOn),
        ["comment"] = player.Comment,
    };
}
