using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Completion;

namespace AnimationTools.DeepMotion
{
    /// <summary>Completes job rids (-Id, -Rid, -RerunOf) from the session's job list and the jobs it follows, with the input file and status.</summary>
    public sealed class AnimationJobRidCompleter : ListCompleter<DeepMotionSession>
    {
        public AnimationJobRidCompleter() : base(DeepMotionSession.ServiceName)
        {
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(DeepMotionSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var jobs = await session.Client.ListAsync(null, cancellationToken).ConfigureAwait(false);
            return jobs.Select(j => new CompletionCandidate(j.Rid, j.FileName, j.Status)).ToList();
        }

        /// <summary>Jobs this session follows: a job started since the list was read is offered at once.</summary>
        protected override IEnumerable<CompletionCandidate> Remembered(DeepMotionSession session) =>
            session.RunningJobs.OfType<AnimationJob>().Select(j => new CompletionCandidate(j.Rid, j.FileName, j.RemoteStatus));
    }

    /// <summary>Completes webhook endpoint ids with the URL they deliver to.</summary>
    public sealed class WebhookEndpointIdCompleter : ListCompleter<DeepMotionSession>
    {
        public WebhookEndpointIdCompleter() : base(DeepMotionSession.ServiceName)
        {
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(DeepMotionSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var endpoints = await session.Webhooks.ListAsync(cancellationToken).ConfigureAwait(false);
            return endpoints.Select(e => new CompletionCandidate(e.Id, e.Url, string.Join(", ", e.Events ?? new string[0]))).ToList();
        }
    }
}
