using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.Core.Completion
{
    /// <summary>Completes -Service with the services this process has sessions of, with the current session as tooltip.</summary>
    public sealed class ConnectedServiceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return TabCompletion.Matches(ConnectedServices.Candidates(), wordToComplete);
            }
            catch (Exception)
            {
                return new CompletionResult[0];
            }
        }
    }

    /// <summary>
    /// Completes -Service with the services whose webhooks the module receives: the connected ones, or all of them
    /// while none is connected.
    /// </summary>
    public sealed class WebhookServiceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var receivable = new HashSet<string>(WebhookReceivers.Services, StringComparer.OrdinalIgnoreCase);
                var connected = ConnectedServices.Candidates().Where(c => receivable.Contains(c.Value)).ToList();
                return TabCompletion.Matches(connected.Count > 0 ? connected : receivable.Select(s => new CompletionCandidate(s, null, "not connected")), wordToComplete);
            }
            catch (Exception)
            {
                return new CompletionResult[0];
            }
        }
    }

    /// <summary>Completes -Id of Disconnect-AnimationService with the session numbers of this process (service, endpoint, client as tooltip).</summary>
    public sealed class SessionIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return TabCompletion.Matches(SessionStore.All().Select(s => new CompletionCandidate(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(), s.IsCurrent ? "current" : null)), wordToComplete);
            }
            catch (Exception)
            {
                return new CompletionResult[0];
            }
        }
    }

    static class ConnectedServices
    {
        /// <summary>One candidate per service with a session; its tooltip names the current session and counts the others.</summary>
        public static IEnumerable<CompletionCandidate> Candidates() =>
            SessionStore.All()
                .GroupBy(s => s.Service, StringComparer.OrdinalIgnoreCase)
                .Select(g =>
                {
                    var current = SessionStore.Current(g.Key);
                    var count = g.Count();
                    return new CompletionCandidate(g.Key, current?.ToString(), count == 1 ? "1 session" : count + " sessions");
                })
                .ToList();
    }
}
