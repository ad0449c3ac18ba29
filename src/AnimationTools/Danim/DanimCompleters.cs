using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Danim
{
    /// <summary>Completes -TemplateId with the seeded review templates' ids and every template read in the session.</summary>
    public sealed class DanimTemplateIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DanimCompletion.SessionOf(fakeBoundParameters);
            var known = session?.KnownTemplates.ToArray() ?? new KeyValuePair<string, string>[0];
            return DanimCompletion.Matches(known, wordToComplete);
        }
    }

    /// <summary>Completes video ids: the newest videos of the session (one quick read), and every video seen in it.</summary>
    public sealed class DanimVideoIdCompleter : IArgumentCompleter
    {
        static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DanimCompletion.SessionOf(fakeBoundParameters);
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            try
            {
                using (var cancel = new CancellationTokenSource(Timeout))
                {
                    session.Client.ListVideos(null, 50).NextPageAsync(cancel.Token).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                // Completion must never fail loudly; what the session has seen is still offered.
            }
            return DanimCompletion.Matches(session.KnownVideos.ToArray(), wordToComplete);
        }
    }

    static class DanimCompletion
    {
        public static DanimSession SessionOf(IDictionary bound) =>
            (bound?["Session"] as PSObject)?.BaseObject as DanimSession
            ?? bound?["Session"] as DanimSession
            ?? SessionStore.Current(DanimSession.ServiceName) as DanimSession;

        public static IEnumerable<CompletionResult> Matches(IEnumerable<KeyValuePair<string, string>> idsAndNames, string word)
        {
            var text = (word ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(text + "*", WildcardOptions.IgnoreCase);
            return idsAndNames
                .Where(p => pattern.IsMatch(p.Key) || (!string.IsNullOrEmpty(p.Value) && pattern.IsMatch(p.Value)))
                .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => new CompletionResult(p.Key, string.IsNullOrEmpty(p.Value) ? p.Key : p.Key + " (" + p.Value + ")", CompletionResultType.ParameterValue,
                    string.IsNullOrEmpty(p.Value) ? p.Key : p.Value));
        }
    }
}
