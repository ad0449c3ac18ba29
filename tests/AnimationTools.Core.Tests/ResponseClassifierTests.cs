using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using Flurl.Http;
using Microsoft.AspNetCore.Http;

namespace AnimationTools.Core.Tests;

/// <summary>
/// The seam for services whose failures arrive with 200 (Danim answers <c>{"success": false, "error": ...}</c>): a
/// classifier and an error mapper of the service's own, passed to its HttpPipeline, with nothing in Core knowing them.
/// </summary>
public sealed class ResponseClassifierTests
{
    [Fact]
    public async Task A_service_classifier_retries_a_throttled_200_and_maps_a_failed_200_to_its_typed_error()
    {
        var answers = new Queue<string>(new[]
        {
            """{"success": false, "error": "RateLimitExceeded"}""",
            """{"success": false, "error": "NoSuchThing", "message": "thing 7 does not exist"}""",
        });
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answers.Dequeue());
        });
        using var http = new HttpPipeline("Probe", server.Url, FastRetries(), new SuccessFlagErrors(), new SuccessFlagClassifier());

        var error = await Assert.ThrowsAsync<AnimationToolsException>(() => http.Request("things", "7").GetJsonAsync<JsonElement>());

        Assert.Equal(2, calls);
        Assert.Equal("Probe.NoSuchThing", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.Category);
        Assert.Contains("thing 7 does not exist", error.Message);
    }

    [Fact]
    public async Task A_successful_200_passes_the_service_classifier()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("""{"success": true, "data": 42}"""));
        using var http = new HttpPipeline("Probe", server.Url, FastRetries(), new SuccessFlagErrors(), new SuccessFlagClassifier());

        var answer = await http.Request("things").GetJsonAsync<JsonElement>();

        Assert.Equal(42, answer.GetProperty("data").GetInt32());
    }

    [Fact]
    public async Task Without_a_classifier_of_its_own_a_service_fails_by_status_with_Service_Http_status()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("""{"detail": "Not found."}""");
        });
        using var http = new HttpPipeline("Probe", server.Url, FastRetries());

        var error = await Assert.ThrowsAsync<AnimationToolsException>(() => http.Request("things").GetJsonAsync<JsonElement>());

        Assert.Equal("Probe.Http.404", error.ErrorId);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("Not found.", error.Message);
    }

    static RetrySettings FastRetries() => new RetrySettings { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };

    /// <summary>What a Danim-like service would plug in: failures and throttling read from the body of a 200.</summary>
    sealed class SuccessFlagClassifier : ResponseClassifier
    {
        public override async Task<bool> IsFailureAsync(HttpResponseMessage response, RequestPolicy request, CancellationToken cancellationToken) =>
            await base.IsFailureAsync(response, request, cancellationToken) || (await ReadAsync(response)).Success == false;

        public override async Task<bool> IsRetriableAsync(HttpResponseMessage response, RequestPolicy request, CancellationToken cancellationToken) =>
            (await ReadAsync(response)).Error == "RateLimitExceeded" || await base.IsRetriableAsync(response, request, cancellationToken);
    }

    sealed class SuccessFlagErrors : ServiceErrorMapper
    {
        public SuccessFlagErrors() : base("Probe")
        {
        }

        public override AnimationToolsException FromResponse(HttpRequestMessage request, int status, string reason, string body)
        {
            var answer = Parse(body);
            return answer.Error == null
                ? base.FromResponse(request, status, reason, body)
                : new AnimationToolsException("Probe." + answer.Error, ErrorCategory.InvalidOperation, "Probe refused: " + ExtractMessage(body));
        }
    }

    sealed record Answer(bool? Success, string Error);

    // The pipeline buffers bodies inside the attempt, so a classifier may read them as often as it likes.
    static async Task<Answer> ReadAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    static Answer Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            var root = document.RootElement;
            return new Answer(
                root.TryGetProperty("success", out var success) && success.ValueKind is JsonValueKind.True or JsonValueKind.False ? success.GetBoolean() : null,
                root.TryGetProperty("error", out var error) ? error.GetString() : null);
        }
        catch (JsonException)
        {
            return new Answer(null, null);
        }
    }
}
