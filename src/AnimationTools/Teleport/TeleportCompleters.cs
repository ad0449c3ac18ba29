using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Teleport.Metadata;

namespace AnimationTools.Teleport
{
    /// <summary>
    /// Completes -Eid with the captures of the session (the one typed with -Session, else the current one): the newest
    /// 200, read with a 5 s limit and kept for 30 s, with their name and state as tooltip.
    /// </summary>
    public sealed class TeleportEidCompleter : IArgumentCompleter
    {
        const int MostCaptures = 200;
        static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
        static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
        static readonly ConcurrentDictionary<int, Tuple<DateTime, List<CaptureDto>>> Cache = new ConcurrentDictionary<int, Tuple<DateTime, List<CaptureDto>>>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = Completion.SessionOf<TeleportSession>(fakeBoundParameters, TeleportSession.ServiceName);
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            try
            {
                var captures = CapturesOf(session);
                var byEid = captures.Where(c => c.Eid != null).GroupBy(c => c.Eid).ToDictionary(g => g.Key, g => g.First());
                return Completion.Matches(byEid.Keys, wordToComplete, eid => $"{byEid[eid].Name} ({byEid[eid].State})");
            }
            catch (Exception)
            {
                // Completion must never fail loudly (service unreachable, token refused ...).
                return Enumerable.Empty<CompletionResult>();
            }
        }

        static List<CaptureDto> CapturesOf(TeleportSession session)
        {
            if (Cache.TryGetValue(session.Id, out var cached) && DateTime.UtcNow - cached.Item1 < Freshness)
            {
                return cached.Item2;
            }
            using (var cancel = new CancellationTokenSource(Timeout))
            {
                var pager = session.Captures.List(100);
                var captures = new List<CaptureDto>();
                while (pager.HasMore && captures.Count < MostCaptures)
                {
                    captures.AddRange(pager.NextPageAsync(cancel.Token).GetAwaiter().GetResult());
                }
                Cache[session.Id] = Tuple.Create(DateTime.UtcNow, captures);
                return captures;
            }
        }
    }

    /// <summary>Completes -Profile with the content profiles Varjo documents.</summary>
    public sealed class TeleportProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completion.Matches(CaptureMetadataClient.KnownProfiles, wordToComplete);
    }

    /// <summary>Completes -State with the capture states the service reports.</summary>
    public sealed class TeleportStateCompleter : IArgumentCompleter
    {
        internal static readonly string[] States = { "CREATED", "UPLOADING", "UPLOAD_PENDING", "PROCESSING", "READY", "FAILED" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completion.Matches(States, wordToComplete);
    }
}
