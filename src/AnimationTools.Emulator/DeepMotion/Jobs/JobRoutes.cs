using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>APIs 4–6: <c>/status</c>, <c>/download</c> and <c>/list</c>. An account sees only its own jobs.</summary>
internal sealed class JobRoutes(JobStore jobs, JobClock clock)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/status/{rids}", Status);
        api.MapGet("/download/{rids}", Download);
        api.MapGet("/list", (HttpContext context) => List(context, null));
        api.MapGet("/list/{statuses}", List);
    }

    /// <summary>Unknown rids are left out, so count may be smaller than the number asked (emulator choice, §5).</summary>
    private IResult Status(string rids, HttpContext context)
    {
        var items = OwnJobs(rids, context).Select(job => new { rid = job.Rid, status = WireStatus(job.Progress), details = Details(job) }).ToList();
        return ApiResults.Json(new { count = items.Count, status = items });
    }

    private IResult Download(string rids, HttpContext context)
    {
        var links = OwnJobs(rids, context).Select(job => DownloadLink(job, context)).ToList();
        return ApiResults.Json(new { count = links.Count, links });
    }

    private IResult List(HttpContext context, string? statuses)
    {
        HashSet<JobPhase>? wanted = null;
        if (statuses is not null)
        {
            wanted = [];
            foreach (var name in statuses.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (JobPhaseNames.FromWire(name) is not { } phase)
                {
                    return ApiResults.BadRequest($"Unknown status '{name}'; statuses are STARTING, PROGRESS, RETRY, SUCCESS, FAILURE (case-sensitive).");
                }

                wanted.Add(phase);
            }
        }

        clock.Tick();
        var list = jobs.OfClient(SessionGate.Current(context).ClientId)
            .Select(job => (job, progress: job.Progress))
            .Where(p => wanted is null || wanted.Contains(p.progress.Phase))
            .OrderByDescending(p => p.job.CreatedAt)
            .Select(p => new
            {
                rid = p.job.Rid,
                fileName = p.job.Input.FileName,
                fileSize = p.job.Input.Size,
                fileDuration = p.job.Input.Duration,
                status = p.progress.Phase.Wire(),
                ctime = p.job.CreatedAt.ToUnixTimeMilliseconds(),
                mtime = p.progress.ModifiedAt.ToUnixTimeMilliseconds(),
            })
            .ToList();
        return ApiResults.Json(new { count = list.Count, list });
    }

    private List<Job> OwnJobs(string rids, HttpContext context)
    {
        clock.Tick();
        var clientId = SessionGate.Current(context).ClientId;
        return rids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Select(rid => jobs.Find(rid, clientId))
            .OfType<Job>()
            .ToList();
    }

    /// <summary>STARTING is a /list-only name; /status reports it as PROGRESS at step 0 (emulator choice, §13).</summary>
    private static string WireStatus(JobProgress progress) =>
        progress.Phase == JobPhase.Starting ? JobPhase.Progress.Wire() : progress.Phase.Wire();

    private static object Details(Job job)
    {
        var progress = job.Progress;
        return progress.Phase switch
        {
            JobPhase.Success => new Dictionary<string, string>
            {
                ["In"] = job.Input.FileName,
                ["out"] = ResultFileSet.RenderedVideoName(job),
            },
            JobPhase.Retry or JobPhase.Failure => new Dictionary<string, string>
            {
                ["exc_message"] = JobErrorCodes.Message(progress.ErrorCode!.Value),
                ["exc_type"] = progress.ErrorCode!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            _ => new { step = progress.Step, total = job.Plan.Steps },
        };
    }

    /// <summary>Only a success has urls; otherwise the link is the bare <c>{"rid"}</c> (§6, Q6).</summary>
    private static object DownloadLink(Job job, HttpContext context)
    {
        if (job.Progress.Phase != JobPhase.Success)
        {
            return new { rid = job.Rid };
        }

        var results = job.Results;
        var urls = results.Files
            .GroupBy(f => f.ItemName)
            .Select(item => new
            {
                name = item.Key,
                files = item.Select(f => new Dictionary<string, string> { [f.Format] = DeepMotionUrls.Result(context, job.Rid, f.FileName) }).ToList(),
            })
            .ToList();
        return new
        {
            rid = job.Rid,
            name = job.Input.FileName,
            size = job.Input.Size,
            duration = job.Input.Duration,
            input = DeepMotionUrls.Input(context, job.Rid, job.Input.FileName),
            urls,
        };
    }
}
