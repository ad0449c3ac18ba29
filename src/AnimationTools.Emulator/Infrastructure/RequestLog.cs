namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Every request the emulated services received, in arrival order (control API calls excluded).</summary>
public sealed class RequestLog
{
    private readonly object sync = new();
    private readonly List<RecordedRequest> entries = [];
    private long lastSeq;

    /// <summary>Snapshot of the log, optionally only the requests of one service (case-insensitive).</summary>
    public IReadOnlyList<RecordedRequest> List(string? service = null)
    {
        lock (sync)
        {
            return entries
                .Where(e => string.IsNullOrEmpty(service) || string.Equals(e.Service, service, StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Snapshot())
                .ToList();
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            entries.Clear();
        }
    }

    internal void Reset()
    {
        lock (sync)
        {
            entries.Clear();
            lastSeq = 0;
        }
    }

    internal RecordedRequest Begin(HttpRequest request, DateTimeOffset now)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        lock (sync)
        {
            var entry = new RecordedRequest
            {
                Seq = ++lastSeq,
                Service = ServicePath.ServiceOf(request.Path),
                Method = request.Method,
                Path = request.PathBase.Add(request.Path).Value ?? "/",
                Query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
                Headers = headers,
                StartedAt = now,
            };
            entries.Add(entry);
            return entry;
        }
    }

    internal void Complete(RecordedRequest entry, int status, long bodyLength, bool aborted, FaultKind? fault,
        IReadOnlyDictionary<string, string[]>? form = null, IReadOnlyDictionary<string, string>? responseHeaders = null, int? sentStatus = null)
    {
        lock (sync)
        {
            entry.Form = form ?? entry.Form;
            entry.ResponseHeaders = responseHeaders ?? entry.ResponseHeaders;
            entry.Status = status;
            entry.SentStatus = sentStatus;
            entry.BodyLength = bodyLength;
            entry.Aborted = aborted;
            entry.Fault = fault;
        }
    }
}
