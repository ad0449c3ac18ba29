using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Completion
{
    /// <summary>
    /// A completer of values the service lists (job ids, codes ...): the list is read through the session's
    /// <see cref="CompletionCache"/>, so Tab waits for it only a moment and a second Tab soon after asks nothing.
    /// Values the session remembers (ids it created or read) are offered besides the list.
    /// </summary>
    public abstract class ListCompleter<TSession> : SessionCompleter<TSession> where TSession : ServiceSession
    {
        /// <summary>How long a list stays fresh unless a completer says otherwise.</summary>
        public static readonly TimeSpan DefaultFreshness = TimeSpan.FromSeconds(30);

        protected ListCompleter(string service) : base(service)
        {
        }

        /// <summary>How long this completer's list is reused.</summary>
        protected virtual TimeSpan Freshness => DefaultFreshness;

        /// <summary>The cache key of the list; completers that read the same list share a key.</summary>
        protected virtual string ListKey(CompletionContext context) => GetType().FullName;

        /// <summary>Reads the list from the service (at most <see cref="CompletionCache.FetchLimit"/>, maybe in the background).</summary>
        protected abstract Task<IReadOnlyList<CompletionCandidate>> ListAsync(TSession session, CompletionContext context, CancellationToken cancellationToken);

        /// <summary>The part of the list this parameter takes (all of it by default).</summary>
        protected virtual IEnumerable<CompletionCandidate> Select(IReadOnlyList<CompletionCandidate> listed, CompletionContext context) => listed;

        /// <summary>Values the session knows without asking; the listed entry wins when both have a value.</summary>
        protected virtual IEnumerable<CompletionCandidate> Remembered(TSession session) => Enumerable.Empty<CompletionCandidate>();

        protected sealed override IEnumerable<CompletionCandidate> Candidates(TSession session, CompletionContext context)
        {
            var listed = CompletionCache.Of(session).Get(ListKey(context), Freshness, token => ListAsync(session, context, token));
            return Select(listed, context).Concat(Remembered(session));
        }
    }
}
