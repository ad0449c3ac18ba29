using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>
    /// Gets videos by id, or lists the app's videos newest first (optionally in one state), following the Relay cursor
    /// one page at a time only as far as -First needs.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DanimVideo", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-DanimVideo.md")]
    [OutputType(typeof(DanimVideo))]
    public sealed class GetDanimVideo : DanimCmdlet
    {
        const string IdSet = "Id";
        const string ListSet = "List";
        const int PageSize = 50;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VideoId")]
        [ArgumentCompleter(typeof(DanimVideoIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("DRAFT", "PENDING_IN_APP", "GENERATING", "DONE", "FAILED", IgnoreCase = true)]
        public string State { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    try
                    {
                        WriteObject(DanimModels.ToVideo(Run(token => session.Client.GetVideoAsync(id, token))));
                    }
                    catch (AnimationToolsException ex)
                    {
                        WriteFailure(ex, id);
                    }
                }
                return;
            }
            var first = PagingParameters.First;
            var skip = PagingParameters.Skip;
            var pageSize = (int)System.Math.Min(PageSize, System.Math.Max(1, first == ulong.MaxValue ? PageSize : first + skip));
            var pager = session.Client.ListVideos(State?.ToUpperInvariant(), pageSize);
            ulong written = 0, seen = 0;
            while (pager.HasMore && written < first)
            {
                var page = Run(token => pager.NextPageAsync(token));
                foreach (var dto in page)
                {
                    seen++;
                    if (seen <= skip)
                    {
                        continue;
                    }
                    if (written >= first)
                    {
                        break;
                    }
                    WriteObject(DanimModels.ToVideo(dto));
                    written++;
                }
            }
            if (PagingParameters.IncludeTotalCount)
            {
                WriteObject(pager.HasMore ? PagingParameters.NewTotalCount(seen, 0.0) : PagingParameters.NewTotalCount(seen, 1.0));
            }
        }
    }
}
