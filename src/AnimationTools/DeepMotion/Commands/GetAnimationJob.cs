using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.DeepMotion.Commands
{
    /// <summary>
    /// Gets DeepMotion jobs by request id (one status request for all ids) or by status, as PowerShell jobs that can be
    /// piped to Wait-Job and Receive-Job, also jobs started in another process (rehydration).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AnimationJob", DefaultParameterSetName = StatusSet, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-AnimationJob.md")]
    [OutputType(typeof(AnimationJob))]
    public sealed class GetAnimationJob : AnimationCmdlet
    {
        const string IdSet = "Id";
        const string JobSet = "Job";
        const string StatusSet = "Status";

        readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Rid")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AnimationJobRidCompleter))]
        public string[] Id { get; set; }

        /// <summary>Jobs from the pipeline (refreshed from the service by their Rid).</summary>
        [Parameter(Mandatory = true, ParameterSetName = JobSet, ValueFromPipeline = true)]
        public AnimationJob[] Job { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateSet("STARTING", "PROGRESS", "RETRY", "SUCCESS", "FAILURE", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Folder that jobs found here save their results into when they succeed.</summary>
        [Parameter]
        public string Destination { get; set; }

        /// <summary>Keeps the zip archives (bvh, fbx, glb) beside the files extracted from them.</summary>
        [Parameter]
        public SwitchParameter KeepArchive { get; set; }

        [Parameter]
        public DeepMotionSession Session { get; set; }

        DeepMotionSession _session;

        protected override void BeginProcessing()
        {
            _session = ResolveSession(Session, DeepMotionSession.ServiceName, "Connect-DeepMotion");
        }

        protected override void ProcessItem()
        {
            var ids = ParameterSetName == IdSet ? Id : ParameterSetName == JobSet ? Job.Select(j => j.Rid).ToArray() : new string[0];
            _ids.AddRange(ids.Where(id => !_ids.Contains(id)));
        }

        protected override void EndProcessing()
        {
            try
            {
                if (ParameterSetName != StatusSet)
                {
                    WriteJobsById();
                }
                else
                {
                    WriteJobsByStatus();
                }
            }
            catch (AnimationToolsException ex)
            {
                WriteError(ex.ToErrorRecord());
            }
        }

        void WriteJobsById()
        {
            if (_ids.Count == 0)
            {
                return;
            }
            var statuses = Run(token => _session.Client.GetStatusesAsync(_ids, token));
            // The status answer has no file name, size or times: the job list has them.
            var listing = statuses.Count == 0 ? new List<ListItem>() : Run(token => _session.Client.ListAsync(null, token));
            foreach (var id in _ids)
            {
                if (!statuses.TryGetValue(id, out var status))
                {
                    WriteError(new AnimationToolsException("DeepMotion.JobNotFound", ErrorCategory.ObjectNotFound,
                        $"DeepMotion has no job '{id}' (it may never have existed, or been purged after its retention period).", null, id).ToErrorRecord());
                    continue;
                }
                WriteObject(Rehydrate(id, listing.FirstOrDefault(i => i.Rid == id), status));
            }
        }

        void WriteJobsByStatus()
        {
            // /status reports a STARTING job as PROGRESS (step 0), so asking for PROGRESS includes the jobs just starting.
            var statuses = Status != null && Status.Contains("PROGRESS", System.StringComparer.OrdinalIgnoreCase) && !Status.Contains("STARTING", System.StringComparer.OrdinalIgnoreCase)
                ? Status.Concat(new[] { "STARTING" }).ToArray()
                : Status;
            var listed = Run(token => _session.Client.ListAsync(statuses, token));
            foreach (var item in listed.Where(i => !string.IsNullOrEmpty(i.Rid)))
            {
                WriteObject(Rehydrate(item.Rid, item, null));
            }
        }

        /// <summary>The job this process already follows for that rid, or a new one added to the job repository.</summary>
        AnimationJob Rehydrate(string rid, ListItem listing, DeepMotionJobStatus status)
        {
            var job = JobRepository.Jobs.OfType<AnimationJob>().FirstOrDefault(j => j.Rid == rid && j.Session == _session);
            if (job == null)
            {
                var destination = Destination == null ? null : GetUnresolvedProviderPathFromPSPath(Destination);
                job = new AnimationJob(_session, rid, listing?.FileName, destination, null, KeepArchive, MyInvocation.Line?.Trim());
                if (listing != null)
                {
                    job.ApplyListing(listing);
                }
                JobRepository.Add(job);
                if (status == null || !((IPolledJob<DeepMotionJobStatus>)job).OnStatus(status))
                {
                    job.Follow();
                }
            }
            else if (listing != null)
            {
                job.ApplyListing(listing);
            }
            return job;
        }
    }
}
