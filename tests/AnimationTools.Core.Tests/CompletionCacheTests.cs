using System.Diagnostics;
using System.Management.Automation;
using AnimationTools.Core.Completion;

namespace AnimationTools.Core.Tests;

/// <summary>The completion cache: fresh lists reused, stale ones read again, slow ones never holding the prompt.</summary>
public sealed class CompletionCacheTests
{
    static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    DateTime _now = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    int _calls;

    CompletionCache NewCache() => new CompletionCache(() => _now);

    Func<CancellationToken, Task<IReadOnlyList<CompletionCandidate>>> Listing(params string[] values) => _ =>
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult<IReadOnlyList<CompletionCandidate>>(values.Select(v => new CompletionCandidate(v)).ToList());
    };

    static string[] Values(IReadOnlyList<CompletionCandidate> candidates) => candidates.Select(c => c.Value).ToArray();

    [Fact]
    public void A_fresh_list_is_reused_and_a_stale_one_read_again()
    {
        var cache = NewCache();
        Assert.Equal(["a", "b"], Values(cache.Get("jobs", Freshness, Listing("a", "b"))));
        _now += TimeSpan.FromSeconds(29);
        Assert.Equal(["a", "b"], Values(cache.Get("jobs", Freshness, Listing("c"))));
        Assert.Equal(1, _calls);

        _now += TimeSpan.FromSeconds(2);
        Assert.Equal(["c"], Values(cache.Get("jobs", Freshness, Listing("c"))));
        Assert.Equal(2, _calls);
    }

    [Fact]
    public void Keys_are_separate_lists()
    {
        var cache = NewCache();
        cache.Get("jobs", Freshness, Listing("a"));
        Assert.Equal(["x"], Values(cache.Get("endpoints", Freshness, Listing("x"))));
        Assert.Equal(2, _calls);
    }

    [Fact]
    public void A_slow_list_answers_within_the_bound_and_fills_the_cache_in_the_background()
    {
        var cache = NewCache();
        var release = new TaskCompletionSource<IReadOnlyList<CompletionCandidate>>();
        Func<CancellationToken, Task<IReadOnlyList<CompletionCandidate>>> slow = _ =>
        {
            Interlocked.Increment(ref _calls);
            return release.Task;
        };

        var clock = Stopwatch.StartNew();
        Assert.Empty(cache.Get("jobs", Freshness, slow, TimeSpan.FromMilliseconds(200)));
        Assert.Empty(cache.Get("jobs", Freshness, slow, TimeSpan.FromMilliseconds(200)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"two Tabs took {clock.Elapsed}");
        Assert.Equal(1, _calls);

        release.SetResult([new CompletionCandidate("late")]);
        Assert.Equal(["late"], Values(cache.Get("jobs", Freshness, slow, TimeSpan.Zero)));
        Assert.Equal(1, _calls);
    }

    [Fact]
    public void A_stale_list_is_offered_while_its_replacement_is_slow()
    {
        var cache = NewCache();
        cache.Get("jobs", Freshness, Listing("old"));
        _now += TimeSpan.FromMinutes(1);
        var never = new TaskCompletionSource<IReadOnlyList<CompletionCandidate>>();
        Assert.Equal(["old"], Values(cache.Get("jobs", Freshness, _ => never.Task, TimeSpan.FromMilliseconds(100))));
    }

    [Fact]
    public void A_failed_list_offers_nothing_and_is_not_asked_again_at_once()
    {
        var cache = NewCache();
        Func<CancellationToken, Task<IReadOnlyList<CompletionCandidate>>> failing = _ =>
        {
            Interlocked.Increment(ref _calls);
            throw new HttpRequestException("refused");
        };
        Assert.Empty(cache.Get("jobs", Freshness, failing));
        Assert.Empty(cache.Get("jobs", Freshness, failing));
        Assert.Equal(1, _calls);

        _now += CompletionCache.FailurePause;
        Assert.Equal(["back"], Values(cache.Get("jobs", Freshness, Listing("back"))));
    }

    [Fact]
    public void Forget_makes_the_next_Tab_read_the_list_again()
    {
        var cache = NewCache();
        cache.Get("models", Freshness, Listing("a"));
        cache.Forget("models");
        Assert.Equal(["b"], Values(cache.Get("models", Freshness, Listing("b"))));
        Assert.Equal(2, _calls);
    }

    [Fact]
    public void Matches_filter_by_value_or_name_sort_and_quote()
    {
        var candidates = new[]
        {
            new CompletionCandidate("b-2", "Walk cycle", "SUCCESS"),
            new CompletionCandidate("a 1", "Jump", null),
            new CompletionCandidate("b-1", null, "FAILURE"),
            new CompletionCandidate("b-1", "duplicate", null),
        };
        var all = TabCompletion.Matches(candidates, "");
        Assert.Equal(["'a 1'", "b-1", "b-2"], all.Select(r => r.CompletionText));
        Assert.Equal(["Jump", "b-1 (FAILURE)", "Walk cycle (SUCCESS)"], all.Select(r => r.ToolTip));
        Assert.All(all, r => Assert.Equal(CompletionResultType.ParameterValue, r.ResultType));

        Assert.Equal(["b-1", "b-2"], TabCompletion.Matches(candidates, "'B").Select(r => r.CompletionText));
        Assert.Equal(["b-2"], TabCompletion.Matches(candidates, "walk").Select(r => r.CompletionText));
        Assert.Equal(["b-1"], TabCompletion.Matches(candidates, "*-1").Select(r => r.CompletionText));
        Assert.Equal("'it''s'", TabCompletion.Quote("it's"));
    }
}
