namespace AnimationTools.Emulator.Danim;

/// <summary>What GraphQL resolvers know of the request: the app (it sees only its videos), the state, and one instant for the whole read.</summary>
internal sealed class ReadContext : Dictionary<string, object?>
{
    public ReadContext(DanimState state, string appId, string baseUrl, DateTimeOffset now)
    {
        State = state;
        BaseUrl = baseUrl;
        AppId = appId;
        Now = now;
    }

    public DanimState State { get; }

    public string AppId { get; }

    /// <summary>The service's base URL as the client sees it, for the URLs a read returns.</summary>
    public string BaseUrl { get; }

    public DateTimeOffset Now { get; }
}

/// <summary>One page of a Relay connection.</summary>
internal sealed record Page<T>(IReadOnlyList<(string Cursor, T Node)> Edges, bool HasNextPage, bool HasPreviousPage, int TotalCount)
{
    public const int DefaultSize = 10;
    public const int MaxSize = 100;

    /// <summary>
    /// Items after the cursor, <paramref name="first"/> of them. <paramref name="ordered"/> is sorted by key (descending
    /// when <paramref name="descending"/>); cursors are opaque (base64 of <c>kind:key</c>) and survive removals.
    /// </summary>
    public static Page<T> Of(IReadOnlyList<T> ordered, Func<T, long> key, bool descending, string kind, int? first, string? after)
    {
        var size = first ?? DefaultSize;
        if (size is < 0 or > MaxSize)
        {
            throw new GraphQL.ExecutionError($"first must be between 0 and {MaxSize}; {size} is not.") { Code = ErrorTypes.BadParameter };
        }

        var start = 0;
        if (after is not null)
        {
            var afterKey = Decode(after, kind);
            start = ordered.Count(item => descending ? key(item) >= afterKey : key(item) <= afterKey);
        }

        var items = ordered.Skip(start).Take(size).Select(item => (Encode(kind, key(item)), item)).ToList();
        return new Page<T>(items, start + items.Count < ordered.Count, start > 0, ordered.Count);
    }

    private static string Encode(string kind, long key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{kind}:{key}"));

    private static long Decode(string cursor, string kind)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(kind + ":", StringComparison.Ordinal) && long.TryParse(text[(kind.Length + 1)..], out var key))
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new GraphQL.ExecutionError($"\"{cursor}\" is not a cursor of this connection.") { Code = ErrorTypes.BadParameter };
    }
}
