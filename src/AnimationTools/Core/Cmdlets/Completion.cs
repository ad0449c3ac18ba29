using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// What every argument completer of the module does the same way (after PSResourceGet's ArgumentCompleter): the
    /// word typed so far without its quotes, matched as a wildcard prefix in any case, values with spaces or quotes
    /// quoted, and the -Session already typed honoured before the service's current session.
    /// </summary>
    public static class Completion
    {
        /// <summary>The values that match the word typed so far, sorted, quoted where PowerShell needs it.</summary>
        /// <param name="values">Candidate values.</param>
        /// <param name="wordToComplete">What the user typed, perhaps with an opening quote or wildcards.</param>
        /// <param name="tooltip">A tooltip for a value (its name, state ...); the value itself when null.</param>
        public static IEnumerable<CompletionResult> Matches(IEnumerable<string> values, string wordToComplete, Func<string, string> tooltip = null)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(typed) ? typed : typed + "*", WildcardOptions.IgnoreCase);
            return values
                .Where(v => !string.IsNullOrEmpty(v) && pattern.IsMatch(v))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, tooltip?.Invoke(v) ?? v));
        }

        /// <summary>A value as it can be typed: single-quoted (quotes doubled) when it holds spaces or PowerShell's special characters.</summary>
        public static string Quote(string value)
        {
            var needsQuotes = value.Any(c => char.IsWhiteSpace(c) || "'\"`$&|;,(){}[]<>@#".IndexOf(c) >= 0);
            return needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
        }

        /// <summary>The -Session already bound (a session object or a PSObject wrapping one), else the service's current session.</summary>
        public static TSession SessionOf<TSession>(IDictionary fakeBoundParameters, string service) where TSession : ServiceSession
        {
            var bound = fakeBoundParameters?["Session"];
            return (bound as PSObject)?.BaseObject as TSession ?? bound as TSession ?? SessionStore.Current(service) as TSession;
        }
    }
}
