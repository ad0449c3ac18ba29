using AnimationTools.Core.Http;
using Flurl.Http;
using Flurl.Http.Testing;

namespace AnimationTools.Core.Tests;

/// <summary>
/// What Core's request helpers put on the wire, checked with Flurl's HttpTest. HttpTest answers before the request
/// reaches HttpClient, so the pipeline's handlers do not run here: these tests see requests as clients build them.
/// </summary>
public sealed class RequestShapeTests
{
    readonly HttpPipeline _http = new HttpPipeline("Probe", new Uri("https://api.example.com/v1"), new RetrySettings());

    [Fact]
    public async Task An_id_list_segment_encodes_each_id_and_keeps_the_commas()
    {
        using var test = new HttpTest();
        await _http.Request("status").AppendPathSegmentList(new[] { "a/b", "c d", "e,f" }).GetAsync();
        test.ShouldHaveCalled("https://api.example.com/v1/status/a%2Fb,c%20d,e%2Cf").WithVerb(HttpMethod.Get);
    }

    [Fact]
    public async Task Query_values_are_encoded_and_absent_ones_left_out()
    {
        using var test = new HttpTest();
        await _http.Request("avatars/").SetQueryParams(new { name = "my avatar & co", pipeline = (string)null, page = 2 }).GetAsync();
        test.ShouldHaveCalled("https://api.example.com/v1/avatars/?name=my%20avatar%20%26%20co&page=2");
    }

    [Fact]
    public async Task A_Django_style_path_keeps_its_trailing_slash_after_an_encoded_id()
    {
        using var test = new HttpTest();
        await _http.Request("avatars").AppendPathSegment("x/../y", fullyEncode: true).WithTrailingSlash().GetAsync();
        test.ShouldHaveCalled("https://api.example.com/v1/avatars/x%2F..%2Fy/");
    }

    [Theory]
    [InlineData("https://api.example.com/v1/avatars/", true)]
    [InlineData("https://API.example.com/v1/avatars/?page=2", true)]
    [InlineData("https://api.example.com/v2/avatars/", false)]
    [InlineData("http://api.example.com/v1/avatars/", false)]
    [InlineData("https://api.example.com:8443/v1/avatars/", false)]
    [InlineData("https://files.example.com/v1/avatars/", false)]
    [InlineData("https://api.example.com.evil.test/v1/", false)]
    public void Only_the_endpoint_and_what_is_under_it_is_the_sessions_own(string url, bool own)
    {
        Assert.Equal(own, _http.IsOwnUrl(new Uri(url)));
    }
}
