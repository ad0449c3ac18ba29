using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using AnimationTools.Core.Sessions;

namespace AnimationTools.DeepMotion.Characters
{
    /// <summary>Tab completion of model ids (custom and stock) from the current DeepMotion session, cached for a minute.</summary>
    public sealed class CharacterModelCompleter : IArgumentCompleter
    {
        static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        static readonly object Gate = new object();
        static List<CharacterModel> _cached;
        static DateTime _cachedAt;
        static DeepMotionSession _cachedFor;

        internal static void Forget()
        {
            lock (Gate)
            {
                _cached = null;
            }
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return Models()
                .Where(m => m.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (m.Name ?? "").StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .OrderBy(m => m.Platform == "custom" ? 0 : 1).ThenBy(m => m.Name)
                .Select(m => new CompletionResult(m.Id, $"{m.Name} ({m.Platform})", CompletionResultType.ParameterValue, $"{m.Name} — {m.Platform} model {m.Id}"))
                .ToList();
        }

        static IEnumerable<CharacterModel> Models()
        {
            if (!(SessionStore.Current(DeepMotionSession.ServiceName) is DeepMotionSession session))
            {
                return Enumerable.Empty<CharacterModel>();
            }
            lock (Gate)
            {
                if (_cached != null && ReferenceEquals(_cachedFor, session) && DateTime.UtcNow - _cachedAt < CacheLifetime)
                {
                    return _cached;
                }
            }
            try
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                {
                    var models = session.Characters.ListAsync(null, null, includeStock: true, timeout.Token).GetAwaiter().GetResult();
                    lock (Gate)
                    {
                        _cached = models;
                        _cachedAt = DateTime.UtcNow;
                        _cachedFor = session;
                    }
                    return models;
                }
            }
            catch (Exception)
            {
                // Completion must never fail the command line: no suggestions instead.
                return Enumerable.Empty<CharacterModel>();
            }
        }
    }
}
