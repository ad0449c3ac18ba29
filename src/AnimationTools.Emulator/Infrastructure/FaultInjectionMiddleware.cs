using Microsoft.AspNetCore.Http.Features;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Applies the registered faults to service requests (never to the control API).</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultRegistry faults)
{
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
                await AnswerStatusAsync(context, fault);
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
        }
    }

    private static async Task AnswerStatusAsync(HttpContext context, FaultDefinition fault)
    {
        if (fault.RetryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await ApiResults.Message(fault.Status!.Value, "injected").ExecuteAsync(context);
    }

    private async Task DelayThenRunAsync(HttpContext context, int delayMs)
    {
        try
        {
            await Task.Delay(delayMs, context.RequestAborted);
        }
        catch (OperationCanceledException)
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
}
