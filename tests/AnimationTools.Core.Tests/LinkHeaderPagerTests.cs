using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using Microsoft.AspNetCore.Http;

namespace AnimationTools.Core.Tests;

/// <summary>The pager's bounds: a page count, the session's origin, no page twice.</summary>
public sealed class LinkHeaderPagerTests
{
    static async Task<(List<int> Items, AnimationToolsException Error, int Requests)> WalkAsync(Func<HttpContext, string> link, int maxPages = LinkHeaderPager<int>.DefaultMaxPages)
    {
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            var next = link(context);
            if (next != null)
            {
                context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[1]");
        });
        using var http = new HttpPipeline("Probe", server.Url, new RetrySettings());
        var pager = new LinkHeaderPager<int>(http, http.Request("items/")) { MaxPages = maxPages };
        var items = new List<int>();
        try
        {
            while (pager.HasMore)
            {
                items.AddRange(await pager.NextPageAsync(CancellationToken.None));
            }
        }
        catch (AnimationToolsException ex)
        {
            return (items, ex, requests);
        }
        return (items, null, requests);
    }

    [Fact]
    public async Task A_service_that_links_pages_without_end_is_stopped_at_the_page_bound()
    {
        var (items, error, requests) = await WalkAsync(c => $"http://{c.Request.Host}/items/?page={int.Parse(c.Request.Query["page"].FirstOrDefault() ?? "1") + 1}", maxPages: 5);

        Assert.Equal(5, items.Count);
        Assert.Equal(5, requests);
        Assert.Equal("Probe.TooManyPages", error.ErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.Category);
    }

    [Fact]
    public async Task A_cycle_of_pages_is_read_once()
    {
        var (items, error, requests) = await WalkAsync(c => c.Request.Query.ContainsKey("page") ? $"http://{c.Request.Host}/items/" : $"http://{c.Request.Host}/items/?page=2");

        Assert.Equal(2, items.Count);
        Assert.Equal(2, requests);
        Assert.Equal("Probe.PagingLoop", error.ErrorId);
    }

    [Theory]
    [InlineData("http://localhost:{port}/items/?page=2")]
    [InlineData("https://127.0.0.1:{port}/items/?page=2")]
    [InlineData("http://example.com/items/?page=2")]
    [InlineData("http://127.0.0.1:1/items/?page=2")]
    public async Task A_next_page_on_another_origin_is_not_fetched(string next)
    {
        var (items, error, requests) = await WalkAsync(c => c.Request.Query.ContainsKey("page") ? null : next.Replace("{port}", c.Request.Host.Port.ToString()));

        Assert.Single(items);
        Assert.Equal(1, requests);
        Assert.Equal("Probe.ForeignLink", error.ErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.Category);
    }
}
