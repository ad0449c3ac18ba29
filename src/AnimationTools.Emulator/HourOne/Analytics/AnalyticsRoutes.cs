using System.Globalization;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// <c>GET /analytics/summary?breakdown=daily|weekly|monthly&amp;from_date&amp;to_date&amp;correlation_id</c>: videos
/// created per day, ISO week or month (deleted ones included), and the seconds of those rendered. Only periods with
/// videos are listed, oldest first. The span may not reach a month (daily) or a year (weekly, monthly): <c>422</c>.
/// </summary>
internal sealed class AnalyticsRoutes(HourOneState state)
{
    private static readonly string[] Breakdowns = ["daily", "weekly", "monthly"];

    public void Map(IEndpointRouteBuilder api) => api.MapGet("/analytics/summary", Summary);

    private IResult Summary(HttpContext context)
    {
        var query = context.Request.Query;
        var reader = new PydanticReader();
        var breakdown = "monthly";
        if (query.ContainsKey("breakdown"))
        {
            breakdown = query["breakdown"].ToString();
            if (!Breakdowns.Contains(breakdown))
            {
                reader.Add(["query", "breakdown"], "value is not a valid enumeration member; permitted: 'daily', 'weekly', 'monthly'", "type_error.enum",
                    new() { ["enum_values"] = Breakdowns });
            }
        }

        var from = reader.Date(query["from_date"].ToString(), ["query", "from_date"]);
        var to = reader.Date(query["to_date"].ToString(), ["query", "to_date"]);
        if (!reader.IsValid)
        {
            return FastApi.Unprocessable(reader.Issues);
        }

        var now = state.Time.GetUtcNow();
        var until = to ?? DateOnly.FromDateTime(now.UtcDateTime);
        var longest = breakdown == "daily" ? until.AddMonths(-1) : until.AddYears(-1);
        var since = from ?? longest.AddDays(1);
        if (since <= longest)
        {
            return FastApi.Unprocessable(["query", "from_date"], breakdown == "daily" ? "a daily breakdown must span less than a month" : $"a {breakdown} breakdown must span less than a year");
        }

        var correlation = query["correlation_id"].ToString();
        var videos = state.Videos.Created()
            .Where(v => DateOnly.FromDateTime(v.CreatedAt.UtcDateTime) is var day && day >= since && day <= until)
            .Where(v => correlation.Length == 0 || v.Spec.CorrelationId == correlation)
            .ToList();

        var rows = videos
            .GroupBy(v => Period(DateOnly.FromDateTime(v.CreatedAt.UtcDateTime), breakdown))
            .OrderBy(g => g.Key)
            .Select(g => new Dictionary<string, object?>
            {
                ["day"] = breakdown == "daily" ? g.Key.Day : null,
                ["week"] = breakdown == "weekly" ? g.Key.Week : null,
                ["month"] = breakdown == "weekly" ? null : g.Key.Month,
                ["year"] = g.Key.Year,
                ["videos_created"] = g.Count(),
                ["total_duration"] = (int)Math.Round(g.Where(v => v.StateAt(now).IsRendered).Sum(v => v.Duration)),
            })
            .ToList();
        return FastApi.Json(rows);
    }

    private static (int Year, int Month, int Week, int Day) Period(DateOnly day, string breakdown) => breakdown switch
    {
        "daily" => (day.Year, day.Month, 0, day.Day),
        "weekly" => (ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), 0, ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)), 0),
        _ => (day.Year, day.Month, 0, 0),
    };
}
