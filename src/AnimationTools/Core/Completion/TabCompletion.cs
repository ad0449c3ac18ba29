using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Completion
{
    /// <summary>
    /// What every argument completer of the module does the same way (after PSResourceGet's ArgumentCompleter): the
    /// word typed so far without its quotes, matched as a wildcard prefix in any case, values with spaces or quotes
    /// quoted, and the -Session already typed honoured before the service's current session.
    /// </summary>
    public static class TabCompletion
    {
        /// <summary>The values that match the word typed so far, sorted, quoted where PowerShell needs it.</summary>
        public static List<CompletionResult> Matches(IEnumerable<string> values, string wordToComplete) =>
            Matches(values.Select(v => new CompletionCandidate(v)), wordToComplete);

        /// <summary>The candidates whose value (or name) matches the word typed so far, one per value, sorted by value.</summary>
        public static List<CompletionResult> Matches(IEnumerable<CompletionCandidate> candidates, string wordToComplete)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(typed) ? typed : typed + "*", WildcardOptions.IgnoreCase);
            return candidates
                .Where(c => c != null && !string.IsNullOrEmpty(c.Value))
                .GroupBy(c => c.Value, StringComparer.Ordinal)
                .Select(g => g.First())
                .Where(c => pattern.IsMatch(c.Value) || (c.Name != null && pattern.IsMatch(c.Name)))
                .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
                .ToList();
        }

        /// <summary>A value as it can be typed: single-quoted (quotes doubled) when it holds spaces or PowerShell's special characters.</summary>
        public static string Quote(string value)
        {
            var needsQuotes = value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$&|;,(){}[]<>@#\u2018\u2019".IndexOf(c) >= 0);
            return needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
        }

        /// <summary>The -Session already bound (a session object or a PSObject wrapping one), else the service's current session.</summary>
        public static TSession SessionOf<TSession>(IDictionary fakeBoundParameters, string service) where TSession : ServiceSession
        {
            var bound = fakeBoundParameters != null && fakeBoundParameters.Contains("Session") ? fakeBoundParameters["Session"] : null;
            return (bound as PSObject)?.BaseObject as TSession ?? bound as TSession ?? SessionStore.Current(service) as TSession;
        }
    }
}
