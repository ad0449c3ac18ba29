using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Completion;

namespace AnimationTools.DeepMotion.Characters
{
    /// <summary>Completes model ids (custom and stock) of the session, with their name and platform; the list is kept a minute.</summary>
    public sealed class CharacterModelCompleter : ListCompleter<DeepMotionSession>
    {
        public CharacterModelCompleter() : base(DeepMotionSession.ServiceName)
        {
        }

        protected override System.TimeSpan Freshness => System.TimeSpan.FromMinutes(1);

        /// <summary>Drops the session's list after a model was removed.</summary>
        internal static void Forget(DeepMotionSession session) => CompletionCache.Of(session).Forget(typeof(CharacterModelCompleter).FullName);

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(DeepMotionSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var models = await session.Characters.ListAsync(null, null, includeStock: true, cancellationToken).ConfigureAwait(false);
            return models.Select(m => new CompletionCandidate(m.Id, m.Name, m.Platform + " model")).ToList();
        }
    }
}
