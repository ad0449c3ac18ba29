using AnimationTools.Core.Http;
using Flurl.Http.Testing;

namespace AnimationTools.Core.Tests;

/// <summary>limit/offset paging: page by page, the short page last, repeats dropped, no endless walk.</summary>
public sealed class OffsetPagerTests
{
    readonly HttpPipeline _http = new HttpPipeline("Probe", new Uri("https://api.example.com/"), new RetrySettings());

    sealed class Item
    {
        [System.Text.Json.Serialization.JsonPropertyName("id")] public string Id { get; set; }
    }

    static string Page(params string[] ids) => "[" + string.Join(",", ids.Select(i => $"{{\"id\":\"{i}\"}}")) + "]";

    [Fact]
    public async Task Pages_are_read_one_at_a_time_until_a_short_one()
    {
        using var test = new HttpTest();
        test.RespondWith(Page("a", "b")).RespondWith(Page("c", "d")).RespondWith(Page("e"));
        var pager = new OffsetPager<Item>(_http, () => _http.Request("items"), 2, i => i.Id);

        Assert.Equal(new[] { "a", "b" }, (await pager.NextPageAsync(default)).Select(i => i.Id));
        test.ShouldHaveCalled("https://api.example.com/items?limit=2&offset=0");
        var rest = await pager.ReadAllAsync(default);
        Assert.Equal(new[] { "c", "d", "e" }, rest.Select(i => i.Id));
        test.ShouldHaveCalled("https://api.example.com/items?limit=2&offset=4");
        Assert.False(pager.HasMore);
        Assert.Equal(3, pager.PagesRead);
    }

    [Fact]
    public async Task Items_shifted_by_new_ones_are_not_returned_twice_and_a_page_of_repeats_ends_the_walk()
    {
        using var test = new HttpTest();
        // A capture created during the walk pushes "b" onto the second page; then a service that ignores the offset.
        test.RespondWith(Page("a", "b")).RespondWith(Page("b", "c")).RespondWith(Page("a", "b")).RespondWith(Page("x", "y"));
        var pager = new OffsetPager<Item>(_http, () => _http.Request("items"), 2, i => i.Id);

        var all = await pager.ReadAllAsync(default);
        Assert.Equal(new[] { "a", "b", "c" }, all.Select(i => i.Id));
        Assert.Equal(3, pager.PagesRead);
    }
}
