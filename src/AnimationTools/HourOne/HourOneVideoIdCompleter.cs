using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Completion;

namespace AnimationTools.HourOne
{
    /// <summary>Completes -Id with the videos of the session, with their name and status.</summary>
    public sealed class HourOneVideoIdCompleter : ListCompleter<HourOneSession>
    {
        public HourOneVideoIdCompleter() : base(HourOneSession.ServiceName)
        {
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(HourOneSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var videos = await session.Client.ListVideosAsync(cancellationToken).ConfigureAwait(false);
            return videos.Select(v => new CompletionCandidate(v.Id, v.Name, v.Status)).ToList();
        }

        /// <summary>Videos this session follows: one created since the list was read is offered at once.</summary>
        protected override IEnumerable<CompletionCandidate> Remembered(HourOneSession session) =>
            session.RunningJobs.OfType<HourOneVideoJob>().Select(j => new CompletionCandidate(j.VideoId, null, j.RemoteStatus));
    }
}

namespace AnimationTools.HourOne
{
    /// <summary>Completes -Status with the documented video statuses.</summary>
    public sealed class HourOneStatusCompleter : IArgumentCompleter
    {
        internal static readonly string[] Statuses = { "not_started", "started", "processing", "ready", "published", "failed", "stopped", "cancelled" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TabCompletion.Matches(Statuses, wordToComplete);
    }

    /// <summary>Completes -Language with the languages Hour One makes subtitles in.</summary>
    public sealed class HourOneLanguageCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TabCompletion.Matches(HourOneInput.SubtitleLanguages, wordToComplete);
    }
}
