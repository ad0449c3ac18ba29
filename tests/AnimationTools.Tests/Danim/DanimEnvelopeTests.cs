using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>Credentials (§2), encodings (§3), the envelope (§4), rate limits (§5) and the shared faults on Danim routes.</summary>
public sealed class DanimEnvelopeTests(EmulatorFixture emulator) : DanimTestBase(emulator)
{
    static readonly object Workspace = new { name = "My workspace", description = "My workspace description" };

    [Theory]
    [InlineData(DanimAuth.Headers)]
    [InlineData(DanimAuth.Basic)]
    [InlineData(DanimAuth.Query)]
    public void Each_of_the_three_credential_styles_is_accepted(DanimAuth auth)
    {
        var data = Data(Post("/write/workspace/create", Workspace, auth));
        Assert.Equal("My workspace", data.GetProperty("name").GetString());
        Assert.True(Guid.TryParse(data.GetProperty("id").GetString(), out _));
    }

    [Theory]
    [InlineData(DanimAuth.Headers)]
    [InlineData(DanimAuth.Basic)]
    [InlineData(DanimAuth.Query)]
    public void A_bad_secret_is_success_false_in_an_HTTP_200(DanimAuth auth)
    {
        var envelope = Fails(Post("/write/workspace/create", Workspace, auth, secret: "wrong"), "InvalidAppSecret");
        Assert.DoesNotContain("data", envelope.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(State.ListWorkspaces(), w => w.Name == "My workspace");
    }

    [Fact]
    public void Missing_and_unknown_apps_have_their_own_types()
    {
        Fails(Post("/write/workspace/create", Workspace, DanimAuth.None), "AuthenticationRequired");
        Fails(Post("/write/workspace/create", Workspace, DanimAuth.Headers, appId: "nobody"), "AppDoesNotExist");
        // GraphQL reads fail the same way: the envelope, not GraphQL errors.
        Fails(Envelope(Send("/read", JsonContent(new { query = "{ videos { totalCount } }" }), DanimAuth.Basic, secret: "nope")), "InvalidAppSecret");
    }

    [Fact]
    public void Credentials_go_one_way_only_and_never_in_the_JSON_body()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Base + "/write/workspace/create?appId=demo&appSecret=demo-secret") { Content = JsonContent(Workspace) };
        request.Headers.Add("X-App-Id", "demo");
        request.Headers.Add("X-App-Secret", "demo-secret");
        Assert.Contains("more than one way", Fails(Envelope(Http.Send(request)), "BadParameter").GetProperty("message").GetString());

        Fails(Post("/write/workspace/create", new { name = "x", appSecret = "demo-secret" }), "BadParameter");
    }

    [Fact]
    public void Every_route_is_a_POST_and_unknown_routes_are_real_404s()
    {
        var get = Send("/write/video/create", null, method: HttpMethod.Get);
        Fails(Envelope(get, HttpStatusCode.MethodNotAllowed), "MethodNotAllowed");
        Assert.Equal("POST", string.Join(",", get.Content.Headers.Allow));
        Fails(Envelope(Send("/read", null, method: HttpMethod.Get), HttpStatusCode.MethodNotAllowed), "MethodNotAllowed");
        Fails(Envelope(Send("/write/video/explode", JsonContent(new { })), HttpStatusCode.NotFound), "NotFound");
    }

    [Fact]
    public void Json_needs_its_header_parses_and_is_UTF_8()
    {
        Fails(Envelope(Send("/write/workspace/create", new StringContent("{name: 'unquoted'}", Encoding.UTF8, "application/json"))), "InvalidJson");
        Fails(Envelope(Send("/write/workspace/create", new StringContent("[1, 2]", Encoding.UTF8, "application/json"))), "InvalidJson");

        var noType = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"x\"}"));
        Fails(Envelope(Send("/write/workspace/create", noType)), "InvalidJson");

        var latin1 = new ByteArrayContent([.. "{\"name\":\"caf"u8, 0xE9, .. "\"}"u8]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Fails(Envelope(Send("/write/workspace/create", latin1)), "MalformedUtf8Characters");

        // A JSON request does not also take URL-encoded arguments.
        Fails(Envelope(Send("/write/workspace/create?description=mixed", JsonContent(new { name = "x" }))), "BadParameter");
    }

    [Fact]
    public void Url_encoded_bodies_work_even_with_the_seeds_typo_and_an_explicit_null_is_the_default()
    {
        var typo = new StringContent("name=My+workspace&description=My+workspace+description");
        typo.Headers.Remove("Content-Type");
        typo.Headers.TryAddWithoutValidation("Content-Type", "x-www-form-urlencoded");
        Assert.Equal("My workspace", Data(Envelope(Send("/write/workspace/create", typo))).GetProperty("name").GetString());

        var form = new FormUrlEncodedContent([new("name", "Other")]);
        Assert.Equal("Other", Data(Envelope(Send("/write/workspace/create", form))).GetProperty("name").GetString());
        Assert.Contains(State.ListWorkspaces(), w => w.Name == "My workspace" && w.Description == "My workspace description");

        Fails(Post("/write/workspace/create", new { name = (string)null }), "MissingParameter");
    }

    [Fact]
    public void Multipart_needs_a_boundary_but_an_empty_Content_Type_is_guessed()
    {
        var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nW\r\n--x--\r\n"));
        noBoundary.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        Fails(Envelope(Send("/write/workspace/create", noBoundary)), "BadParameter");

        var guessed = new ByteArrayContent(Encoding.UTF8.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nGuessed\r\n--xyz--\r\n"));
        Assert.Equal("Guessed", Data(Envelope(Send("/write/workspace/create", guessed))).GetProperty("name").GetString());
    }

    [Fact]
    public void The_request_quota_answers_RateLimitExceeded_in_a_200_without_Retry_After()
    {
        Emulator.Control("danim/config", new { requestsPerMinute = 3, rateLimitWindowSeconds = 60 });
        for (var i = 0; i < 3; i++)
        {
            Data(Post("/write/workspace/create", Workspace));
        }

        var response = Send("/write/workspace/create", JsonContent(Workspace));
        Fails(Envelope(response), "RateLimitExceeded");
        Assert.False(response.Headers.Contains("Retry-After"));
        // Another app has its own quota; the window slides on the Danim clock.
        Emulator.Server.State.Options.Clients["other-app"] = "other-secret";
        Data(Post("/write/workspace/create", Workspace, appId: "other-app", secret: "other-secret"));
        Emulator.Control("danim/config", new { advanceClockSeconds = 61 });
        Data(Post("/write/workspace/create", Workspace));
    }

    [Fact]
    public void Shared_faults_apply_to_Danim_routes()
    {
        Emulator.AddFault(new FaultDefinition { Service = "danim", Path = "^/danim/write/video/create$", Kind = FaultKind.Status, Status = 503, RetryAfter = 1 });
        var response = Send("/write/video/create", JsonContent(new { template_id = ReviewTemplate, template_data = new { score = 1 } }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(State.ListVideos());

        // A lost answer: the video exists although the client never heard of it.
        Emulator.AddFault(new FaultDefinition { Service = "danim", Path = "^/danim/write/video/create$", Kind = FaultKind.LostResponse });
        Assert.ThrowsAny<HttpRequestException>(() => Send("/write/video/create", JsonContent(new { template_id = ReviewTemplate, template_data = new { score = 1 } })));
        Assert.Single(State.ListVideos());
        // The log entry of an aborted answer is completed after the abort the client already saw.
        WaitUntil(() => Emulator.Requests("danim").Count(r => r.Path == "/danim/write/video/create" && r.Fault != null) == 2, TimeSpan.FromSeconds(5), "fault log");
        var logged = Emulator.Requests("danim").Where(r => r.Path == "/danim/write/video/create").ToList();
        Assert.Equal([FaultKind.Status, FaultKind.LostResponse], logged.Select(r => r.Fault!.Value));
    }

    [Fact]
    public void Injected_failures_give_any_documented_type_once()
    {
        Emulator.Control("danim/next-error", new { route = "/write/workspace/create", type = "InsufficientPlan" });
        Fails(Post("/write/workspace/create", Workspace), "InsufficientPlan");
        Data(Post("/write/workspace/create", Workspace));
    }
}
