namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// <c>GET /share/{sid}/metadata</c> (§4.7): one <c>SegmentModel</c> per requested profile (<c>id</c> = the profile
/// name), in the schema's array form, or keyed by profile when <see cref="TeleportOptions.ModelsAsObject"/> is set.
/// A share id that is unknown or whose capture is not READY answers 404 (emulator choice: "not ready yet").
/// </summary>
internal sealed class MetadataRoutes(TeleportState state)
{
    public const string DefaultQuality = "sd";

    private static readonly string[] Qualities = ["sd", "hd"];

    public void Map(IEndpointRouteBuilder api) => api.MapGet("/share/{sid}/metadata", Metadata);

    private IResult Metadata(string sid, HttpContext context)
    {
        var request = context.Request;
        var errors = new List<ValidationError>();
        var quality = request.Query["quality"].ToString();
        if (quality.Length == 0)
        {
            quality = DefaultQuality;
        }
        else if (!Qualities.Contains(quality))
        {
            errors.Add(new ValidationError(["query", "quality"], "Input should be 'sd' or 'hd'", "enum"));
        }

        // The parameter is repeated (?profiles=ply&profiles=sogs-sh0); a comma list is accepted too.
        var profiles = request.Query["profiles"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (profiles.Count == 0)
        {
            profiles.Add(ModelFiles.Ply);
        }

        for (var i = 0; i < profiles.Count; i++)
        {
            if (!ModelFiles.Profiles.Contains(profiles[i]))
            {
                errors.Add(new ValidationError(["query", "profiles", i], $"Input should be {string.Join(", ", ModelFiles.Profiles.Select(p => $"'{p}'"))}", "enum"));
            }
        }

        var lod = Query.Bool(request, "lod", false, errors);
        var useCdn = Query.Bool(request, "use_cdn", true, errors);
        if (errors.Count > 0)
        {
            return FastApi.Invalid(errors);
        }

        var capture = state.BySid(sid);
        if (capture is null || capture.StateAt(state.Clock.GetUtcNow()).State != CaptureStates.Ready)
        {
            return FastApi.NotFound();
        }

        var models = profiles.Select(profile =>
        {
            var file = state.Model(sid, profile, quality);
            var url = TeleportUrls.Api(context, $"{(useCdn ? CdnRoutes.CdnSegment : CdnRoutes.OriginSegment)}/{sid}/{profile}/{quality}/{file.FileName}");
            return (Profile: profile, Url: url, Dto: new Dictionary<string, object?>
            {
                ["url"] = url,
                ["size"] = file.Content.LongLength,
                ["id"] = profile,
                ["aabb"] = new Dictionary<string, object> { ["min"] = file.Min, ["max"] = file.Max },
                ["resolution_range"] = null,
                ["parent"] = null,
            });
        }).ToList();

        var cameras = CameraPath(12);
        return FastApi.Json(new Dictionary<string, object?>
        {
            ["eid"] = capture.Eid,
            ["sid"] = sid,
            ["name"] = capture.Name,
            ["segmented_capture_eid"] = null,
            ["profile_name"] = profiles[0],
            ["lod"] = lod,
            ["hdr_mode"] = null,
            ["nominal_ev"] = 0,
            ["tmo_parameters"] = null,
            ["model_urls"] = models.Select(m => m.Url).ToList(),
            ["cameras"] = cameras,
            ["models"] = state.Options.ModelsAsObject
                ? models.ToDictionary(m => m.Profile, m => (object)m.Dto)
                : models.Select(m => m.Dto).ToList(),
            ["video_trajectory"] = capture.Input.InputDataFormat == InputDataFormats.Video
                ? new Dictionary<string, object> { ["fps"] = 30.0, ["keyframes"] = CameraPath(30) }
                : null,
            ["reposition_data"] = new Dictionary<string, object>
            {
                ["rotation_w"] = 1.0,
                ["rotation_x"] = 0.0,
                ["rotation_y"] = 0.0,
                ["rotation_z"] = 0.0,
                ["scale"] = 1.0,
            },
        });
    }

    /// <summary>
    /// Camera poses on a circle of 3 m around the scene, 1.5 m up, looking at its centre: each a 4×4 camera-to-world
    /// matrix, row-major (16 numbers).
    /// </summary>
    private static List<Dictionary<string, double[]>> CameraPath(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var angle = 2 * Math.PI * i / count;
            var (px, py, pz) = (3 * Math.Sin(angle), 1.5, 3 * Math.Cos(angle));
            // Forward points from the camera to (0, 1, 0); right = forward × up; up' = right × forward.
            var (fx, fy, fz) = Normalize(-px, 1 - py, -pz);
            var (rx, ry, rz) = Normalize(fy * 0 - fz * 1, fz * 0 - fx * 0, fx * 1 - fy * 0);
            var (ux, uy, uz) = (ry * fz - rz * fy, rz * fx - rx * fz, rx * fy - ry * fx);
            return new Dictionary<string, double[]>
            {
                ["matrix"] = new[] { rx, ux, -fx, px, ry, uy, -fy, py, rz, uz, -fz, pz, 0, 0, 0, 1 }.Select(v => Math.Round(v, 6) + 0.0).ToArray(),
            };
        }).ToList();

    private static (double X, double Y, double Z) Normalize(double x, double y, double z)
    {
        var length = Math.Sqrt(x * x + y * y + z * z);
        return (x / length, y / length, z / length);
    }
}
