using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using AnimationTools.Core.Sessions;

namespace AnimationTools.HourOne
{
    /// <summary>Completes -Id with the videos of the -Session already typed, else of the current session (names as tooltips).</summary>
    public sealed class HourOneVideoIdCompleter : IArgumentCompleter
    {
        static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var bound = fakeBoundParameters?["Session"];
            var session = (bound as PSObject)?.BaseObject as HourOneSession ?? bound as HourOneSession
                ?? SessionStore.Current(HourOneSession.ServiceName) as HourOneSession;
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
            try
            {
                using (var timeout = new CancellationTokenSource(Timeout))
                {
                    var videos = session.Client.ListVideosAsync(timeout.Token).GetAwaiter().GetResult();
                    return videos
                        .Where(v => !string.IsNullOrEmpty(v.Id) && pattern.IsMatch(v.Id))
                        .Select(v => new CompletionResult(Quote(v.Id), v.Id, CompletionResultType.ParameterValue, $"{v.Name} ({v.Status})"))
                        .ToList();
                }
            }
            catch (Exception)
            {
                // Completion must never throw at the prompt: no answer, no suggestions.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        static string Quote(string id) => id.Any(c => char.IsWhiteSpace(c) || c == '\'' || c == '$' || c == '`') ? "'" + id.Replace("'", "''") + "'" : id;
    }
}

namespace AnimationTools.HourOne
{
    /// <summary>Completes -Status with the documented video statuses.</summary>
    public sealed class HourOneStatusCompleter : IArgumentCompleter
    {
        internal static readonly string[] Statuses = { "not_started", "started", "processing", "ready", "published", "failed", "stopped", "cancelled" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            FixedValues.Complete(Statuses, wordToComplete);
    }

    /// <summary>Completes -Language with the languages Hour One makes subtitles in.</summary>
    public sealed class HourOneLanguageCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            FixedValues.Complete(HourOneInput.SubtitleLanguages, wordToComplete);
    }

    static class FixedValues
    {
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string wordToComplete)
        {
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return values.Where(pattern.IsMatch).Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v)).ToList();
        }
    }
}
