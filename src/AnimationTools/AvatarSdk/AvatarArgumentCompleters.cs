using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Completion;
using AnimationTools.Core.Http;

namespace AnimationTools.AvatarSdk
{
    /// <summary>Completes -Pipeline with the pipelines of the document.</summary>
    public sealed class AvatarPipelineCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TabCompletion.Matches(AvatarPipelines.Subtypes.Keys, wordToComplete);
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
            return TabCompletion.Matches(subtypes, wordToComplete);
        }
    }

    /// <summary>Completes -Category with the parameter categories of the document.</summary>
    public sealed class AvatarParameterCategoryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TabCompletion.Matches(AvatarPipelines.Categories, wordToComplete);
    }

    /// <summary>
    /// Completes parameter names (-Haircut, -Blendshape, -ModelInfo, -Name) from /parameters/available/ of the
    /// session, for the -Pipeline and -PipelineSubtype already typed (the session keeps the catalogue it read).
    /// </summary>
    public sealed class AvatarParameterNameCompleter : ListCompleter<AvatarSdkSession>
    {
        public AvatarParameterNameCompleter() : base(AvatarSdkSession.ServiceName)
        {
        }

        protected override string ListKey(CompletionContext context)
        {
            var (pipeline, subtype) = PipelineOf(context);
            return "parameters/available/" + pipeline + "/" + subtype;
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(AvatarSdkSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var (pipeline, subtype) = PipelineOf(context);
            var available = await AvatarCompletion.AvailableAsync(session, pipeline, subtype, cancellationToken).ConfigureAwait(false);
            return AvatarCompletion.Flatten(available).Select(p => new CompletionCandidate(p.Name, null, p.Category)).ToList();
        }

        protected override IEnumerable<CompletionCandidate> Select(IReadOnlyList<CompletionCandidate> listed, CompletionContext context)
        {
            var category = AvatarCompletion.CategoryOf(context.ParameterName) ?? context.Bound("Category");
            return listed.Where(p => category == null || p.State == category);
        }

        static (string Pipeline, string Subtype) PipelineOf(CompletionContext context)
        {
            var pipeline = context.Bound("Pipeline") ?? "animated_face";
            return (pipeline, context.Bound("PipelineSubtype") ?? AvatarPipelines.DefaultSubtype(pipeline));
        }
    }

    /// <summary>Completes avatar codes (-Code, -AvatarCode) with the first 200 avatars the session lists, their name and status.</summary>
    public sealed class AvatarCodeCompleter : ListCompleter<AvatarSdkSession>
    {
        const int MostAvatars = 200;

        public AvatarCodeCompleter() : base(AvatarSdkSession.ServiceName)
        {
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> ListAsync(AvatarSdkSession session, CompletionContext context, CancellationToken cancellationToken)
        {
            var avatars = await session.Client.ListAvatars(null).ReadUntilAsync(read => read.Count >= MostAvatars, cancellationToken).ConfigureAwait(false);
            return avatars.Select(a => new CompletionCandidate(a.Code, a.Name, a.Status)).ToList();
        }

        /// <summary>Avatars this session follows: one started since the list was read is offered at once.</summary>
        protected override IEnumerable<CompletionCandidate> Remembered(AvatarSdkSession session) =>
            session.RunningJobs.OfType<AvatarJob>().Select(j => new CompletionCandidate(j.Code, null, j.RemoteStatus));
    }

    static class AvatarCompletion
    {
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

        /// <summary>The available parameters of a pipeline/subtype, from the session's catalogue or the service.</summary>
        public static async Task<JsonElement> AvailableAsync(AvatarSdkSession session, string pipeline, string subtype, CancellationToken cancellationToken)
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
