using System.Text.RegularExpressions;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>The faults to inject. Rules are checked in the order they were added; the first one that applies wins.</summary>
public sealed class FaultRegistry
{
    private readonly object sync = new();
    private readonly List<FaultRule> rules = [];

    /// <summary>Registers a fault and returns its id. Throws <see cref="ArgumentException"/> when the definition is invalid.</summary>
    public string Add(FaultDefinition definition)
    {
        var rule = FaultRule.Create(definition);
        lock (sync)
        {
            rules.Add(rule);
        }

        return rule.Id;
    }

    public IReadOnlyList<FaultStatus> List()
    {
        lock (sync)
        {
            return rules.Select(r => r.ToStatus()).ToList();
        }
    }

    public bool Remove(string id)
    {
        lock (sync)
        {
            return rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            rules.Clear();
        }
    }

    /// <summary>Consumes the fault that applies to this request, if any.</summary>
    internal FaultDefinition? Take(string service, string method, string path)
    {
        lock (sync)
        {
            foreach (var rule in rules)
            {
                if (rule.Matches(service, method, path) && rule.TryConsume())
                {
                    return rule.Definition;
                }
            }

            return null;
        }
    }

    private sealed class FaultRule
    {
        private int skipRemaining;
        private int applied;

        private FaultRule(string id, FaultDefinition definition, Regex path)
        {
            Id = id;
            Definition = definition;
            PathPattern = path;
            skipRemaining = definition.Skip;
        }

        public string Id { get; }

        public FaultDefinition Definition { get; }

        private Regex PathPattern { get; }

        private int Remaining => Definition.Count - applied;

        public static FaultRule Create(FaultDefinition source)
        {
            if (string.IsNullOrEmpty(source.Path))
            {
                throw new ArgumentException("path (a regular expression) is required.");
            }

            Regex pattern;
            try
            {
                pattern = new Regex(source.Path, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"path is not a valid regular expression: {ex.Message}");
            }

            if (source.Count < 1)
            {
                throw new ArgumentException("count must be at least 1.");
            }

            if (source.Skip < 0 || source.AfterBytes < 0 || source.DelayMs < 0 || source.RetryAfter < 0)
            {
                throw new ArgumentException("skip, afterBytes, delayMs and retryAfter cannot be negative.");
            }

            Validate(source);

            // Copied so that later changes to the caller's object cannot alter a registered rule.
            var definition = new FaultDefinition
            {
                Service = source.Service,
                Method = source.Method,
                Path = source.Path,
                Kind = source.Kind,
                Status = source.Status,
                RetryAfter = source.RetryAfter,
                AfterBytes = source.Kind is FaultKind.Drop or FaultKind.CutBody or FaultKind.StallBody ? source.AfterBytes ?? 0 : source.AfterBytes,
                DelayMs = source.DelayMs,
                Body = source.Body,
                Repeat = source.Repeat,
                ContentType = source.ContentType,
                Patch = source.Patch?.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
                Headers = source.Headers is null ? null : new Dictionary<string, string>(source.Headers, StringComparer.OrdinalIgnoreCase),
                Count = source.Count,
                Skip = source.Skip,
            };
            return new FaultRule(RandomIds.Hex(8), definition, pattern);
        }

        private static void Validate(FaultDefinition source)
        {
            switch (source.Kind)
            {
                case FaultKind.Status or FaultKind.ReplaceStatus when source.Status is not (>= 100 and <= 599):
                    throw new ArgumentException($"kind '{Name(source.Kind)}' needs a status between 100 and 599.");
                case FaultKind.ReplaceBody when source.Status is not null and not (>= 100 and <= 599):
                    throw new ArgumentException("status must be between 100 and 599.");
                case FaultKind.ReplaceBody when (source.Body is null) == (source.Patch is null or { Count: 0 }):
                    throw new ArgumentException("kind 'replaceBody' needs either body or patch (not both).");
                case FaultKind.Delay or FaultKind.DelayHeaders or FaultKind.StallBody when source.DelayMs is null:
                    throw new ArgumentException($"kind '{Name(source.Kind)}' needs delayMs.");
            }

            if (source.Repeat is < 1)
            {
                throw new ArgumentException("repeat must be at least 1.");
            }

            if (source.Patch is { Count: > 0 } && source.Patch.Keys.Any(k => !k.StartsWith('/')))
            {
                throw new ArgumentException("patch keys are JSON pointers such as /status/0/status (starting with '/').");
            }

            foreach (var header in source.Headers ?? [])
            {
                if (string.IsNullOrEmpty(header.Key) || $"{header.Key}{header.Value}".Any(c => c is '\r' or '\n'))
                {
                    throw new ArgumentException("headers need non-empty names, and neither names nor values may contain CR or LF.");
                }
            }

            var answers = source.Kind is FaultKind.Status or FaultKind.ReplaceStatus or FaultKind.ReplaceBody;
            if (!answers && (source.Body is not null || source.Headers is not null || source.ContentType is not null || source.RetryAfter is not null))
            {
                throw new ArgumentException("body, contentType, headers and retryAfter apply only to kinds status, replaceStatus and replaceBody.");
            }

            if (source.Patch is not null && source.Kind != FaultKind.ReplaceBody)
            {
                throw new ArgumentException("patch applies only to kind replaceBody.");
            }
        }

        private static string Name(FaultKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

        public bool Matches(string service, string method, string path) =>
            Remaining > 0
            && (string.IsNullOrEmpty(Definition.Service) || string.Equals(Definition.Service, service, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Definition.Method) || string.Equals(Definition.Method, method, StringComparison.OrdinalIgnoreCase))
            && PathPattern.IsMatch(path);

        public bool TryConsume()
        {
            if (skipRemaining > 0)
            {
                skipRemaining--;
                return false;
            }

            applied++;
            return true;
        }

        public FaultStatus ToStatus() => new(
            Id,
            Definition.Service,
            Definition.Method,
            Definition.Path,
            Definition.Kind,
            Definition.Status,
            Definition.RetryAfter,
            Definition.AfterBytes,
            Definition.DelayMs,
            Definition.Body,
            Definition.Repeat,
            Definition.ContentType,
            Definition.Patch,
            Definition.Headers,
            Definition.Count,
            Definition.Skip,
            applied,
            Remaining,
            skipRemaining);
    }
}
