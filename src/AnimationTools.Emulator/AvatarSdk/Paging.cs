using System.Globalization;
using System.Text;

namespace AnimationTools.Emulator.AvatarSdk;

/// <summary>
/// Pagination of every list (§3): 100 objects per page selected by <c>?page=N</c>, a bare JSON array, and an RFC 8288
/// <c>Link</c> header with first/prev/next/last when there is more than one page. Links keep the other query
/// parameters sorted; <c>first</c> (and <c>prev</c> to page 1) carries no page parameter.
/// </summary>
internal static class Paging
{
    public const int PageSize = 100;

    public static IResult Page<T>(HttpContext context, IReadOnlyList<T> items, Func<T, object> dto)
    {
        var pages = Math.Max(1, (items.Count + PageSize - 1) / PageSize);
        var pageText = context.Request.Query["page"].ToString();
        var page = 1;
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pages))
        {
            return Drf.NotFound("Invalid page.");
        }

        if (pages > 1)
        {
            var links = new List<string> { Link(context, null, "first") };
            if (page > 1)
            {
                links.Add(Link(context, page - 1 == 1 ? null : page - 1, "prev"));
            }

            if (page < pages)
            {
                links.Add(Link(context, page + 1, "next"));
            }

            links.Add(Link(context, pages, "last"));
            context.Response.Headers.Link = string.Join(", ", links);
        }

        return Drf.Json(items.Skip((page - 1) * PageSize).Take(PageSize).Select(dto).ToList());
    }

    private static string Link(HttpContext context, int? page, string rel)
    {
        var query = context.Request.Query
            .Where(p => p.Key != "page" && p.Key != "access_token")
            .SelectMany(p => p.Value.Select(v => (p.Key, Value: v ?? string.Empty)))
            .ToList();
        if (page is { } number)
        {
            query.Add(("page", number.ToString(CultureInfo.InvariantCulture)));
        }

        var text = new StringBuilder("<").Append(AvatarSdkUrls.Origin(context)).Append(context.Request.PathBase).Append(context.Request.Path);
        var first = true;
        foreach (var (key, value) in query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            text.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return text.Append(">; rel=\"").Append(rel).Append('"').ToString();
    }
}

/// <summary>Absolute URLs of the service, built from the address the client reached the emulator on.</summary>
internal static class AvatarSdkUrls
{
    public const string Prefix = "/avatarsdk";

    public static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    public static string Api(HttpContext context, string relative) => $"{Origin(context)}{Prefix}/{relative}";

    public static string Avatar(HttpContext context, string code, string rest = "") => Api(context, $"avatars/{code}/{rest}");

    /// <summary>ISO 8601 with microseconds and Z, as the service writes times.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
