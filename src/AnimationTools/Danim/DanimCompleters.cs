using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Completion;

namespace AnimationTools.Danim
{
    /// <summary>
    /// Completes -TemplateId with the templates used in the session (read, or named by a video it saw): Danim has no
    /// list of templates to read.
    /// </summary>
    public sealed class DanimTemplateIdCompleter : SessionCompleter<DanimSession>
    {
        public DanimTemplateIdCompleter() : base(DanimSession.ServiceName)
        {
        }

        protected override IEnumerable<CompletionCandidate> Candidates(DanimSession session, CompletionContext context) =>
            session.KnownTemplates.ToArray().Select(t => new CompletionCandidate(t.Key, t.Value));
    }

    /// <summary>Completes video ids with the newest 50 videos of the session and every video seen in it, with name and state.</summary>
    public sealed class DanimVideoIdCompleter : ListCompleter<DanimSession>
    {
        const int NewestVideos = 50;

        public DanimVideoIdCompleter() : base(DanimSession.ServiceName)
        {
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(DanimSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var videos = await session.Client.ListVideos(null, NewestVideos).NextPageAsync(cancellationToken).ConfigureAwait(false);
            return videos.Select(v => new CompletionCandidate(v.Id, v.Name, v.State)).ToList();
        }

        protected override IEnumerable<CompletionCandidate> Remembered(DanimSession session) =>
            session.KnownVideos.ToArray().Select(v => new CompletionCandidate(v.Key, v.Value));
    }
}
