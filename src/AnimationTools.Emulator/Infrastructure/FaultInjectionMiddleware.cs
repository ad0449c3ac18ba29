using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Applies the registered faults to service requests (never to the control API).</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultRegistry faults)
{
    private const int WriteChunk = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (ServicePath.IsControl(request.Path))
        {
            await next(context);
            return;
        }

        var fault = faults.Take(ServicePath.ServiceOf(request.Path), request.Method, request.PathBase.Add(request.Path).Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }

        var marker = FaultMarker.Set(context, fault.Kind);
        switch (fault.Kind)
        {
            case FaultKind.Status:
                await AnswerAsync(context, fault, fault.Status!.Value, handlerContentType: null);
                break;
            case FaultKind.Delay:
                await DelayThenRunAsync(context, fault.DelayMs ?? 0);
                break;
            case FaultKind.Drop:
                await RunThenAbortAsync(context, marker, fault.AfterBytes ?? 0);
                break;
            case FaultKind.LostResponse:
                await RunThenAbortAsync(context, marker, dropAfterBytes: null);
                break;
            case FaultKind.ReplaceStatus:
                await RunThenReplaceStatusAsync(context, marker, fault);
                break;
            case FaultKind.ReplaceBody:
                await RunThenReplaceBodyAsync(context, marker, fault);
                break;
            case FaultKind.CutBody:
            case FaultKind.StallBody:
            case FaultKind.DelayHeaders:
                await RunThenSendSlowlyAsync(context, marker, fault);
                break;
        }
    }

    private async Task DelayThenRunAsync(HttpContext context, int delayMs)
    {
        if (!await WaitAsync(context, delayMs))
        {
            return;
        }

        await next(context);
    }

    private async Task RunThenAbortAsync(HttpContext context, FaultMarker marker, long? dropAfterBytes)
    {
        var realBody = context.Features.Get<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new BufferedResponseBody());
        if (dropAfterBytes is { } limit)
        {
            context.Request.Body = new DroppingRequestStream(context.Request.Body, limit, () => marker.Abort(context));
        }

        try
        {
            await next(context);
        }
        catch (Exception) when (marker.AbortedConnection)
        {
            // The handler failed because we cut its connection: that is the injected behaviour, not an emulator bug.
        }
        finally
        {
            context.Features.Set(realBody);
        }

        // A drop whose byte threshold was never reached still breaks the connection: the fault always shows.
        marker.Abort(context);
    }

    /// <summary>Runs the handler to the end with its answer kept in memory; the real response has not started after it.</summary>
    private async Task<byte[]> RunBufferedAsync(HttpContext context)
    {
        var realBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        var buffered = new BufferedResponseBody();
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context);
            return await buffered.ToArrayAsync();
        }
        finally
        {
            context.Features.Set(realBody);
        }
    }

    private async Task RunThenReplaceStatusAsync(HttpContext context, FaultMarker marker, FaultDefinition fault)
    {
        await RunBufferedAsync(context);
        marker.HandlerStatus = context.Response.StatusCode;
        // A gateway that lost the backend's answer sends its own: none of the handler's headers survive.
        context.Response.Headers.Clear();
        await AnswerAsync(context, fault, fault.Status!.Value, handlerContentType: null);
    }

    private async Task RunThenReplaceBodyAsync(HttpContext context, FaultMarker marker, FaultDefinition fault)
    {
        var original = await RunBufferedAsync(context);
        var handlerStatus = context.Response.StatusCode;
        var handlerContentType = context.Response.ContentType;
        if (fault.Status is { } status && status != handlerStatus)
        {
            marker.HandlerStatus = handlerStatus;
        }

        if (fault.Patch is { Count: > 0 } patch)
        {
            string patched;
            try
            {
                patched = JsonPointerPatch.Apply(original, patch);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
            {
                marker.HandlerStatus = handlerStatus;
                context.Response.Headers.Clear();
                await ApiResults.Message(StatusCodes.Status500InternalServerError,
                    $"The fault's patch could not be applied to the handler's answer: {ex.Message}").ExecuteAsync(context);
                return;
            }

            await AnswerAsync(context, fault, fault.Status ?? handlerStatus, handlerContentType ?? "application/json", patched);
            return;
        }

        await AnswerAsync(context, fault, fault.Status ?? handlerStatus, handlerContentType);
    }

    private async Task RunThenSendSlowlyAsync(HttpContext context, FaultMarker marker, FaultDefinition fault)
    {
        var body = await RunBufferedAsync(context);
        var response = context.Response;
        if (fault.Kind == FaultKind.DelayHeaders)
        {
            if (!await WaitAsync(context, fault.DelayMs ?? 0))
            {
                return;
            }

            response.ContentLength = body.Length;
            await WriteAsync(context, body);
            return;
        }

        // The full length is announced, so the client can tell that what it got is incomplete.
        response.ContentLength = body.Length;
        var head = (int)Math.Min(body.Length, fault.AfterBytes ?? 0);
        await WriteAsync(context, body.AsMemory(0, head));
        await response.Body.FlushAsync(context.RequestAborted);
        if (fault.Kind == FaultKind.CutBody)
        {
            // Let the bytes sent reach the client before the connection goes, like a network that breaks mid-body.
            await WaitAsync(context, 50);
            marker.Abort(context);
            return;
        }

        if (!await WaitAsync(context, fault.DelayMs ?? 0))
        {
            return;
        }

        await WriteAsync(context, body.AsMemory(head));
    }

    /// <summary>Sends the fault's answer: its status, Retry-After and headers, and its body (or <c>{"message":"injected"}</c>).</summary>
    private static async Task AnswerAsync(HttpContext context, FaultDefinition fault, int status, string? handlerContentType, string? body = null)
    {
        var response = context.Response;
        if (fault.RetryAfter is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var header in fault.Headers ?? [])
        {
            response.Headers[header.Key] = header.Value;
        }

        body ??= fault.Body;
        if (body is null)
        {
            await ApiResults.Message(status, "injected").ExecuteAsync(context);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        var repeat = fault.Repeat ?? 1;
        response.StatusCode = status;
        response.ContentType = fault.ContentType ?? handlerContentType ?? "application/json";
        response.ContentLength = (long)bytes.Length * repeat;
        for (var i = 0; i < repeat && !context.RequestAborted.IsCancellationRequested; i++)
        {
            await WriteAsync(context, bytes);
        }
    }

    private static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += WriteChunk)
            {
                await context.Response.Body.WriteAsync(bytes.Slice(offset, Math.Min(WriteChunk, bytes.Length - offset)), context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to send the rest to.
        }
    }

    /// <summary>Waits, unless the client goes away first (then false).</summary>
    private static async Task<bool> WaitAsync(HttpContext context, int delayMs)
    {
        try
        {
            await Task.Delay(delayMs, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
