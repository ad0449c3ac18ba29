using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// <c>POST /read</c> (and <c>/read/{anything}</c>, the introduction's URL form): a GraphQL request
/// <c>{"query", "variables", "operationName"}</c> answered in GraphQL form, <c>{"data", "errors"}</c>, HTTP 200. Credentials,
/// the rate limit and a body that is not JSON fail with the write envelope, as on every route.
/// </summary>
internal sealed class ReadRoutes(DanimState state)
{
    private static readonly GraphQLSerializer Serializer = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private static readonly DocumentExecuter Executer = new();

    public void Map(IEndpointRouteBuilder api)
    {
        api.MapCommand(state, "/read", ReadAsync);
        api.MapCommand(state, "/read/{**rest}", ReadAsync);
    }

    private async Task<IResult> ReadAsync(DanimCall call)
    {
        if (call.Body.Encoding != "json")
        {
            throw new DanimError(ErrorTypes.InvalidJson,
                "A read is a GraphQL request in a JSON body: {\"query\": \"…\", \"variables\": {…}, \"operationName\": \"…\"} with Content-Type: application/json.");
        }

        var query = call.Fields["query"] is JsonValue q && q.GetValueKind() == JsonValueKind.String ? q.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(query))
        {
            return GraphQlErrors("The request has no query: send {\"query\": \"{ videos { edges { node { id } } } }\"}.");
        }

        Inputs? variables;
        try
        {
            variables = call.Fields["variables"] switch
            {
                null => null,
                JsonObject o => Serializer.Deserialize<Inputs>(o.ToJsonString()),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => Serializer.Deserialize<Inputs>(v.GetValue<string>()),
                _ => throw new JsonException("variables must be an object."),
            };
        }
        catch (JsonException ex)
        {
            return GraphQlErrors($"The variables cannot be read: {ex.Message}");
        }

        var operationName = call.Fields["operationName"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        state.Ticker.Tick();
        var result = await Executer.ExecuteAsync(options =>
        {
            options.Schema = DanimSchema.Instance;
            options.Query = query;
            options.Variables = variables;
            options.OperationName = operationName;
            options.UserContext = new ReadContext(state, call.AppId, call.BaseUrl, state.Now);
            options.CancellationToken = call.Aborted;
            options.ThrowOnUnhandledException = false;
        });
        return Results.Text(Serializer.Serialize(result), "application/json; charset=utf-8");
    }

    private static IResult GraphQlErrors(string message) =>
        Results.Json(new { errors = new[] { new { message } } }, Envelope.Json);
}
