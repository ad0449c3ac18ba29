namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// <c>CaptureOutput</c> (§5.1): every field, in the schema's order, nulls kept. <c>sid</c>, <c>share_url</c> and
/// <c>share_link</c> appear once the upload is complete; the viewer and preview URLs once the capture is READY.
/// The emulator renders no animated previews: <c>gif_url</c>, <c>video_url</c> and <c>share_video_url</c> stay null.
/// </summary>
internal static class CaptureDto
{
    public static Dictionary<string, object?> Of(HttpContext context, CaptureRecord capture, DateTimeOffset now, bool withZone)
    {
        var state = capture.StateAt(now);
        var ready = state.State == CaptureStates.Ready;
        var sid = capture.Sid;
        var previews = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ready && sid is not null)
        {
            foreach (var (width, height) in PreviewImage.Sizes)
            {
                previews[PreviewImage.Key(width, height)] = TeleportUrls.Api(context, $"_cdn/{sid}/preview/{PreviewImage.Key(width, height)}.png");
            }
        }

        return new Dictionary<string, object?>
        {
            ["eid"] = capture.Eid,
            ["sid"] = sid,
            ["name"] = capture.Name,
            ["created"] = TeleportUrls.Time(capture.Created, withZone),
            ["uploaded"] = capture.Uploaded is { } uploaded ? TeleportUrls.Time(uploaded, withZone) : null,
            ["state"] = state.State,
            ["error_reason"] = state.ErrorReason,
            ["state_description"] = CaptureStates.Describe(state.State, state.ErrorReason),
            ["error_reason_slug"] = state.ErrorReason,
            ["preview_urls"] = previews,
            ["preview_url"] = previews.Count > 0 ? previews.Values.Last() : null,
            ["viewer_url"] = ready ? TeleportUrls.Api(context, $"captures/{capture.Eid}") : null,
            ["share_url"] = sid is null ? null : TeleportUrls.Api(context, $"share/{sid}"),
            ["share_link"] = sid is null ? null : TeleportUrls.Api(context, $"share/{sid}"),
            ["gif_url"] = null,
            ["video_url"] = null,
            ["share_video_url"] = null,
            ["is_public"] = capture.IsPublic,
        };
    }
}
