using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Completion
{
    /// <summary>
    /// A completer whose values come from a session of one service: the -Session already typed, else the service's
    /// current one. Without a session it offers nothing and asks nothing; it never throws into the prompt.
    /// </summary>
    public abstract class SessionCompleter<TSession> : IArgumentCompleter where TSession : ServiceSession
    {
        readonly string _service;

        protected SessionCompleter(string service)
        {
            _service = service;
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var session = TabCompletion.SessionOf<TSession>(fakeBoundParameters, _service);
                if (session == null || session.IsClosed)
                {
                    return new CompletionResult[0];
                }
                return TabCompletion.Matches(Candidates(session, new CompletionContext(parameterName, fakeBoundParameters)), wordToComplete);
            }
            catch (Exception)
            {
                // A completer that throws prints its error at the prompt: offering nothing is the better answer.
                return new CompletionResult[0];
            }
        }

        /// <summary>Every value worth offering for this parameter; the word typed filters them afterwards.</summary>
        protected abstract IEnumerable<CompletionCandidate> Candidates(TSession session, CompletionContext context);
    }

    /// <summary>The parameter being completed and the parameters already typed on the line.</summary>
    public sealed class CompletionContext
    {
        readonly IDictionary _bound;

        public CompletionContext(string parameterName, IDictionary boundParameters)
        {
            ParameterName = parameterName;
            _bound = boundParameters;
        }

        public string ParameterName { get; }

        /// <summary>The text of a parameter already typed, or null.</summary>
        public string Bound(string name)
        {
            var value = _bound != null && _bound.Contains(name) ? _bound[name] : null;
            return (value as PSObject)?.BaseObject?.ToString() ?? value?.ToString();
        }
    }
}
