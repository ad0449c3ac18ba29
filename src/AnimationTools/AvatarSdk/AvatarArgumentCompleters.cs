using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.Json;
using System.Threading;
using AnimationTools.Core.Sessions;

namespace AnimationTools.AvatarSdk
{
    /// <summary>Completes -Pipeline with the pipelines of the document.</summary>
    public sealed class AvatarPipelineCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AvatarCompletion.Matches(AvatarPipelines.Subtypes.Keys, wordToComplete);
    }

    /// <summary>Completes -PipelineSubtype with the subtypes of the -Pipeline already typed (all subtypes without one).</summary>
    public sealed class AvatarPipelineSubtypeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pipeline = fakeBoundParameters?["Pipeline"]?.ToString();
            var subtypes = pipeline != null && AvatarPipelines.Subtypes.TryGetValue(pipeline, out var known)
                ? known
                : AvatarPipelines.Subtypes.Values.SelectMany(s => s).Distinct();
            return AvatarCompletion.Matches(subtypes, wordToComplete);
        }
    }

    /// <summary>Completes -Category with the parameter categories of the document.</summary>
    public sealed class AvatarParameterCategoryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AvatarCompletion.Matches(AvatarPipelines.Categories, wordToComplete);
    }

    /// <summary>
    /// Completes parameter names (-Haircut, -Blendshape, -ModelInfo, -Name) from /parameters/available/ of the
    /// current session, for the -Pipeline and -PipelineSubtype already typed. Answers are cached per session.
    /// </summary>
    public sealed class AvatarParameterNameCompleter : IArgumentCompleter
    {
        static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = (fakeBoundParameters?["Session"] as PSObject)?.BaseObject as AvatarSdkSession
                ?? fakeBoundParameters?["Session"] as AvatarSdkSession
                ?? SessionStore.Current(AvatarSdkSession.ServiceName) as AvatarSdkSession;
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            var category = AvatarCompletion.CategoryOf(parameterName) ?? fakeBoundParameters?["Category"]?.ToString();
            var pipeline = fakeBoundParameters?["Pipeline"]?.ToString() ?? "animated_face";
            var subtype = fakeBoundParameters?["PipelineSubtype"]?.ToString() ?? AvatarPipelines.DefaultSubtype(pipeline);
            try
            {
                using (var cancel = new CancellationTokenSource(Timeout))
                {
                    var available = AvatarCompletion.AvailableAsync(session, pipeline, subtype, cancel.Token).GetAwaiter().GetResult();
                    var names = AvatarCompletion.Flatten(available).Where(p => category == null || p.Category == category).Select(p => p.Name).Distinct();
                    return AvatarCompletion.Matches(names, wordToComplete);
                }
            }
            catch (Exception)
            {
                // Completion must never fail loudly (no session yet, service unreachable ...).
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }

    static class AvatarCompletion
    {
        public static IEnumerable<CompletionResult> Matches(IEnumerable<string> values, string word)
        {
            var prefix = (word ?? "").Trim('\'', '"');
            return values
                .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => v, StringComparer.Ordinal)
                .Select(v => new CompletionResult(v.Contains(' ') ? "'" + v + "'" : v, v, CompletionResultType.ParameterValue, v));
        }

        public static string CategoryOf(string parameterName)
        {
            switch (parameterName)
            {
                case "Haircut": return "haircuts";
                case "Blendshape": return "blendshapes";
                case "ModelInfo": return "model_info";
                default: return null;
            }
        }

        /// <summary>The available parameters of a pipeline/subtype, from the session's cache or the service.</summary>
        public static async System.Threading.Tasks.Task<JsonElement> AvailableAsync(AvatarSdkSession session, string pipeline, string subtype, CancellationToken cancellationToken)
        {
            var key = pipeline + "|" + subtype;
            if (session.AvailableParameters.TryGetValue(key, out var cached))
            {
                return cached;
            }
            var answer = await session.Client.GetParametersAsync(pipeline, subtype, false, cancellationToken).ConfigureAwait(false);
            session.AvailableParameters[key] = answer.Value;
            return answer.Value;
        }

        /// <summary>(category, group, name) of a parameters DTO; group is null where the level is omitted.</summary>
        public static IEnumerable<(string Category, string Group, string Name)> Flatten(JsonElement parameters)
        {
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }
            foreach (var category in parameters.EnumerateObject())
            {
                if (category.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var name in category.Value.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String))
                    {
                        yield return (category.Name, null, name.GetString());
                    }
                }
                else if (category.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var group in category.Value.EnumerateObject())
                    {
                        var names = group.Value.ValueKind == JsonValueKind.Array
                            ? group.Value.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString())
                            : group.Value.ValueKind == JsonValueKind.Object ? group.Value.EnumerateObject().Select(p => p.Name) : Enumerable.Empty<string>();
                        foreach (var name in names)
                        {
                            yield return (category.Name, group.Name, name);
                        }
                    }
                }
            }
        }
    }
}
