using System.Collections.Generic;
using System.Linq;
using Flurl;
using Flurl.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>Path segments Flurl has no single call for.</summary>
    public static class PathSegmentExtensions
    {
        /// <summary>
        /// Appends one segment listing several ids, each fully encoded, joined by unencoded commas
        /// (<c>status/rid1,rid2</c>): an id can neither add a path segment nor split the list.
        /// </summary>
        public static IFlurlRequest AppendPathSegmentList(this IFlurlRequest request, IEnumerable<string> ids)
        {
            return request.AppendPathSegment(string.Join(",", ids.Select(id => Url.Encode(id))));
        }

        /// <summary>Ends the path with a slash, as Django REST Framework routes (the Avatar SDK) require.</summary>
        public static IFlurlRequest WithTrailingSlash(this IFlurlRequest request) => request.AppendPathSegment("/");
    }
}
