using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.Core.Tests;

/// <summary>URLs from users (endpoints) and from services' answers (signed URLs, links, sessions) under one policy.</summary>
public sealed class EndpointPolicyTests
{
    [Theory]
    [InlineData("ftp://storage.example.com/upload/video.mp4")]
    [InlineData("/storage/upload/video.mp4")]
    [InlineData("storage/upload/video.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://storage.example.com/upload")]
    [InlineData("https://user:pw-leak@storage.example.com/upload")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("\\\\server\\share\\file")]
    public void A_URL_from_an_answer_that_is_not_https_or_loopback_http_is_an_InvalidResponse(string url)
    {
        var error = Assert.Throws<AnimationToolsException>(() => EndpointPolicy.ValidateResponseUrl("Probe", url, "upload URL"));

        Assert.Equal("Probe.InvalidResponse", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.Category);
        Assert.DoesNotContain("pw-leak", error.Message);
    }

    [Theory]
    [InlineData("https://storage.example.com/o/abc/video.mp4?X-Goog-Signature=1")]
    [InlineData("http://127.0.0.1:5080/deepmotion/storage/o/t/video.mp4")]
    [InlineData("http://localhost:5080/x")]
    [InlineData("http://[::1]:5080/x")]
    public void Https_and_loopback_http_URLs_from_an_answer_are_accepted(string url)
    {
        Assert.Equal(new Uri(url), EndpointPolicy.ValidateResponseUrl("Probe", url, "upload URL"));
    }

    [Fact]
    public void An_endpoint_with_user_info_is_refused_without_repeating_the_password()
    {
        var error = Assert.Throws<AnimationToolsException>(() => EndpointPolicy.Validate("Probe", "https://admin:pw-leak@api.example.com/v1"));

        Assert.Equal("Probe.InvalidEndpoint", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.Category);
        Assert.DoesNotContain("pw-leak", error.Message);
        Assert.DoesNotContain("admin", error.Message);
    }

    [Fact]
    public void A_link_resolves_as_a_path_under_the_endpoint_or_passes_the_policy()
    {
        using var http = new HttpPipeline("Probe", new Uri("https://api.example.com/v1"), new RetrySettings());

        Assert.Equal("https://api.example.com/v1/avatars/a/mesh/", http.Resolve("/avatars/a/mesh/").AbsoluteUri);
        Assert.Equal("https://cdn.example.com/a.zip", http.Resolve("https://cdn.example.com/a.zip").AbsoluteUri);
        Assert.Equal("Probe.InvalidResponse", Assert.Throws<AnimationToolsException>(() => http.Resolve("ftp://cdn.example.com/a.zip")).ErrorId);
        Assert.Equal("Probe.InvalidResponse", Assert.Throws<AnimationToolsException>(() => http.Resolve("file:///etc/passwd")).ErrorId);
        Assert.Equal("Probe.InvalidResponse", Assert.Throws<AnimationToolsException>(() => http.Resolve("http://cdn.example.com/a.zip")).ErrorId);
    }

    [Fact]
    public void The_redactor_masks_user_info_in_any_URL()
    {
        Assert.Equal("see https://***@host.example/x", Redactor.Redact("see https://bob:pw-leak@host.example/x"));
    }
}
