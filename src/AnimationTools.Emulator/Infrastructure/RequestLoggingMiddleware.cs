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
            log.Complete(entry, status, body.BytesRead, aborted, fault?.Kind);
        }
    }
}
