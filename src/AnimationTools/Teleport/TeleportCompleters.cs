using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Completion;
using AnimationTools.Core.Http;
using AnimationTools.Teleport.Metadata;

namespace AnimationTools.Teleport
{
    /// <summary>Completes -Eid with the newest 200 captures of the session, with their name and state.</summary>
    public sealed class TeleportEidCompleter : ListCompleter<TeleportSession>
    {
        const int MostCaptures = 200;

        public TeleportEidCompleter() : base(TeleportSession.ServiceName)
        {
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(TeleportSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var captures = await session.Captures.List(100).ReadUntilAsync(read => read.Count >= MostCaptures, cancellationToken).ConfigureAwait(false);
            return captures.Select(c => new CompletionCandidate(c.Eid, c.Name, c.State)).ToList();
        }

        /// <summary>Captures this session follows: one created since the list was read is offered at once.</summary>
        protected override IEnumerable<CompletionCandidate> Remembered(TeleportSession session) =>
            session.RunningJobs.OfType<CaptureJob>().Select(j => new CompletionCandidate(j.Eid, null, j.CaptureState));
    }

    /// <summary>Completes -Profile with the content profiles Varjo documents.</summary>
    public sealed class TeleportProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TabCompletion.Matches(CaptureMetadataClient.KnownProfiles, wordToComplete);
    }

    /// <summary>Completes -State with the capture states the service reports.</summary>
    public sealed class TeleportStateCompleter : IArgumentCompleter
    {
        internal static readonly string[] States = { "CREATED", "UPLOADING", "UPLOAD_PENDING", "PROCESSING", "READY", "FAILED" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TabCompletion.Matches(States, wordToComplete);
    }
}
