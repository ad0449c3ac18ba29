namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Records every service request, including storage traffic and failed or aborted requests.</summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, RequestLog log, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ServicePath.IsControl(context.Request.Path))
        {
            await next(context);
            return;
        }

        var entry = log.Begin(context.Request, clock.GetUtcNow());
        var body = new CountingReadStream(context.Request.Body);
        context.Request.Body = body;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var fault = FaultMarker.Get(context);
            var aborted = fault?.AbortedConnection == true || context.RequestAborted.IsCancellationRequested;
            // A fault that replaced the answer: log what the handler did, and what the client got instead.
            var handlerStatus = fault?.HandlerStatus;
            log.Complete(entry, handlerStatus ?? status, body.BytesRead, aborted, fault?.Kind, FormOf(context), HeadersOf(context.Response),
                handlerStatus is null ? null : status);
        }
    }

    /// <summary>The form the handler parsed, if any: reading it here would consume bodies handlers stream themselves.</summary>
    private static Dictionary<string, string[]>? FormOf(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form)
        {
            return null;
        }

        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var pair in form)
        {
            fields[pair.Key] = pair.Value.Select(v => v ?? string.Empty).ToArray();
        }

        foreach (var group in form.Files.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var files = group.Select(f => $"@{f.FileName} ({f.Length} bytes, {f.ContentType})");
            fields[group.Key] = (fields.TryGetValue(group.Key, out var text) ? text.Concat(files) : files).ToArray();
        }

        return fields;
    }

    private static Dictionary<string, string> HeadersOf(HttpResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return headers;
    }
}
