using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// Checks minimalist <c>template_data</c> (a flat map input id → value, §8.4) against a template by the rules of §8.3, and
/// reports every problem at once. Required compositions and inputs, dynamic zone quantities, value shapes and file
/// resolution are always errors; <c>max_length</c>, the numeric rules, <c>is_int</c>, the paragraph rules, select
/// <c>values</c> and the number/boolean types are errors (<c>BadParameter</c>) only when the input has <c>strict_check</c>,
/// else warnings; image size and video duration rules are always warnings (images are cropped, videos cut).
/// </summary>
/// <remarks>
/// Emulator choice for dynamic zones: an input of a dynamic composition may be given a list, one value per repetition of
/// its zone; a single value is one repetition. The zone's repetitions must lie within its min/max quantities.
/// </remarks>
internal sealed class TemplateDataValidator(FileInputResolver files)
{
    /// <summary>Top-level keys of the lost "expert mode" (§8.3): refused, the emulator speaks only the minimalist form.</summary>
    private static readonly HashSet<string> ExpertKeys = new(StringComparer.Ordinal) { "ratio", "ratios", "theme", "compositions", "crop", "range", "format" };

    public async Task<ValidationReport> ValidateAsync(TemplateRecord template, JsonObject? data, RequestBody? body, string appId, CancellationToken ct)
    {
        var run = new Run(template, data ?? new JsonObject(), body);
        run.CheckKeys();
        run.CollectSlots();
        run.CheckStructure();
        var attached = new Dictionary<(string, int), StoredFile>();
        foreach (var composition in template.Specs.Compositions)
        {
            foreach (var input in composition.Inputs)
            {
                var slots = run.Slots[input.Id];
                for (var r = 0; r < slots.Count; r++)
                {
                    if (!slots[r].Present)
                    {
                        continue;
                    }

                    var at = new Where(composition, input, slots[r].Listed ? r + 1 : null);
                    if (input.IsFile)
                    {
                        if (await run.CheckFileAsync(files, at, slots[r], appId, ct) is { } file)
                        {
                            attached[(input.Id, r)] = file;
                        }
                    }
                    else
                    {
                        run.CheckText(at, slots[r].Node!);
                    }
                }
            }
        }

        return new ValidationReport(run.Errors, run.Warnings) { Files = attached };
    }

    /// <summary>One value of an input; <see cref="Listed"/> when it came from a list (one value per repetition).</summary>
    private readonly record struct Slot(JsonNode? Node, FilePart? Part, bool Listed = false)
    {
        public bool Present => Node is not null || Part is not null;
    }

    private readonly record struct Where(CompositionSpec Composition, InputSpec Input, int? Repetition)
    {
        public string Label => Repetition is { } r ? $"The input \"{Input.Id}\" (repetition {r})" : $"The input \"{Input.Id}\"";
    }

    private sealed class Run(TemplateRecord template, JsonObject data, RequestBody? body)
    {
        public List<Violation> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public Dictionary<string, List<Slot>> Slots { get; } = new(StringComparer.Ordinal);

        private IEnumerable<(CompositionSpec Composition, InputSpec Input)> Inputs =>
            template.Specs.Compositions.SelectMany(c => c.Inputs.Select(i => (c, i)));

        public void CheckKeys()
        {
            var known = Inputs.Select(x => x.Input.Id).ToHashSet(StringComparer.Ordinal);
            var given = data.Select(p => p.Key).Concat(body?.FileKeysUnder("template_data") ?? []).Distinct(StringComparer.Ordinal);
            foreach (var key in given.Where(k => !known.Contains(k)))
            {
                if (ExpertKeys.Contains(key))
                {
                    Errors.Add(new Violation(ErrorTypes.BadParameter, "ExpertMode", null, key, null,
                        $"\"{key}\" belongs to the expert mode of template_data, which is not supported: send a flat map of input id to value."));
                }
                else
                {
                    Warnings.Add($"template_data.{key} is not an input of template {template.Id}: it is ignored.");
                }
            }
        }

        public void CollectSlots()
        {
            foreach (var (composition, input) in Inputs)
            {
                var node = data[input.Id];
                var parts = body?.FilesAt("template_data", input.Id) ?? [];
                var slots = new List<Slot>();
                if (node is not null && parts.Count > 0)
                {
                    Errors.Add(Bad("InvalidValue", new Where(composition, input, null), $"The input \"{input.Id}\" is given both as a value and as a file part: give one."));
                }
                else if (parts.Count > 0)
                {
                    slots.AddRange(parts.Select(p => new Slot(null, p, parts.Count > 1)));
                }
                else if (node is JsonArray list && composition.IsDynamic)
                {
                    slots.AddRange(list.Select(v => new Slot(v, null, Listed: true)));
                }
                else if (node is not null)
                {
                    slots.Add(new Slot(node, null));
                }

                if (parts.Count > 1 && !composition.IsDynamic)
                {
                    Errors.Add(Bad("InvalidValue", new Where(composition, input, null), $"The input \"{input.Id}\" is given {parts.Count} files; it takes one."));
                    slots.RemoveRange(1, slots.Count - 1);
                }

                Slots[input.Id] = slots;
            }
        }

        public void CheckStructure()
        {
            foreach (var group in template.Specs.Groups())
            {
                var quantity = group.SelectMany(c => c.Inputs).Select(i => Slots[i.Id].Count).DefaultIfEmpty(0).Max();
                var zoneFlagged = false;
                if (group[0].IsDynamic)
                {
                    var min = group.Select(c => c.MinDynamicZoneQuantity).FirstOrDefault(q => q is not null) ?? 0;
                    var max = group.Select(c => c.MaxDynamicZoneQuantity).FirstOrDefault(q => q is not null);
                    var zone = group.Count == 1 ? $"\"{group[0].Id}\"" : $"\"{group[0].Id}\" to \"{group[^1].Id}\"";
                    if (quantity == 0 && min > 0)
                    {
                        zoneFlagged = true;
                        Errors.Add(new Violation(ErrorTypes.MissingTemplateDataComposition, "MissingComposition", group[0].Id, null, null,
                            $"The dynamic zone {zone} needs at least {min} repetition(s) but none has been provided."));
                    }
                    else if (quantity > 0 && (quantity < min || quantity > max))
                    {
                        Errors.Add(new Violation(ErrorTypes.BadParameter, "DynamicZoneQuantity", group[0].Id, null, null,
                            $"The dynamic zone {zone} is given {quantity} repetition(s); it takes {min} to {(max is null ? "any number of" : max.ToString())}."));
                    }
                }

                foreach (var composition in group)
                {
                    var started = Enumerable.Range(0, quantity).Where(r => composition.Inputs.Any(i => Present(i, r))).ToList();
                    if (started.Count == 0)
                    {
                        if (composition.Required && !zoneFlagged)
                        {
                            Errors.Add(new Violation(ErrorTypes.MissingTemplateDataComposition, "MissingComposition", composition.Id, null, null,
                                $"The composition \"{composition.Id}\" is required but none of its inputs has been provided."));
                        }

                        continue;
                    }

                    foreach (var r in started)
                    {
                        foreach (var input in composition.Inputs.Where(i => i.Required && !Present(i, r)))
                        {
                            var repetition = composition.IsDynamic && quantity > 1 ? r + 1 : (int?)null;
                            var where = repetition is { } n ? $"repetition {n} of composition \"{composition.Id}\"" : $"composition \"{composition.Id}\"";
                            var why = composition.Required && repetition is null ? "is required" : "was started (another of its inputs is given)";
                            Errors.Add(new Violation(ErrorTypes.MissingTemplateDataInput, "MissingInput", composition.Id, input.Id, repetition,
                                $"The input \"{input.Id}\" is required but has not been provided: {where} {why}."));
                        }
                    }
                }
            }
        }

        public void CheckText(Where at, JsonNode node)
        {
            if (node is JsonObject or JsonArray)
            {
                var what = node is JsonObject ? "an object (expert mode is not supported)"
                    : at.Composition.IsDynamic ? "a nested list"
                    : "a list (only inputs of dynamic compositions take one value per repetition)";
                Errors.Add(Bad("InvalidValue", at, $"{at.Label} takes a {at.Input.Type} value, not {what}."));
                return;
            }

            var kind = node.GetValueKind();
            var text = kind == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
            var input = at.Input;
            switch (input.Type)
            {
                case "number":
                    CheckNumber(at, kind, text);
                    break;
                case "boolean":
                    if (kind is not (JsonValueKind.True or JsonValueKind.False) && text.Trim().ToLowerInvariant() is not ("true" or "false" or "1" or "0"))
                    {
                        Rule(at, "Boolean", $"{at.Label} takes true or false, not \"{text}\".");
                    }

                    break;
                case "select":
                    if (input.Values is { } values && !values.Contains(text, StringComparer.Ordinal))
                    {
                        Rule(at, "Values", $"{at.Label} must be one of {string.Join(", ", values.Select(v => $"\"{v}\""))}; \"{text}\" is not.");
                    }

                    break;
                case "paragraph":
                    var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                    if (input.MaxParagraphLines is { } maxLines && lines.Length > maxLines)
                    {
                        Rule(at, "MaxParagraphLines", $"{at.Label} has {lines.Length} lines; at most {maxLines} are allowed.");
                    }

                    if (input.MaxParagraphLineLength is { } maxLine)
                    {
                        var tooLong = lines.Select((l, i) => (Line: i + 1, Length: Length(l))).Where(l => l.Length > maxLine).ToList();
                        if (tooLong.Count > 0)
                        {
                            Rule(at, "MaxParagraphLineLength",
                                $"{at.Label} has lines longer than {maxLine} characters: {string.Join(", ", tooLong.Select(l => $"line {l.Line} ({l.Length})"))}.");
                        }
                    }

                    break;
                default:
                    if (input.MaxLength is { } maxLength && Length(text) > maxLength)
                    {
                        Rule(at, "MaxLength", $"{at.Label} is {Length(text)} characters long; at most {maxLength} are allowed.");
                    }

                    break;
            }
        }

        private void CheckNumber(Where at, JsonValueKind kind, string text)
        {
            var input = at.Input;
            double number;
            if (kind == JsonValueKind.Number)
            {
                number = double.Parse(text, CultureInfo.InvariantCulture);
            }
            else if (kind != JsonValueKind.String || !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
            {
                Rule(at, "Number", $"{at.Label} takes a number, not \"{text}\".");
                return;
            }

            var shown = number.ToString(CultureInfo.InvariantCulture);
            if (input.IsInt && Math.Floor(number) != number)
            {
                Rule(at, "IsInt", $"{at.Label} must be a whole number; {shown} is not.");
            }

            if (input.MinNumericValue is { } min && number < min)
            {
                Rule(at, "MinNumericValue", $"{at.Label} must be at least {min.ToString(CultureInfo.InvariantCulture)}; {shown} is below.");
            }

            if (input.MaxNumericValue is { } max && number > max)
            {
                Rule(at, "MaxNumericValue", $"{at.Label} must be at most {max.ToString(CultureInfo.InvariantCulture)}; {shown} is above.");
            }
        }

        public async Task<StoredFile?> CheckFileAsync(FileInputResolver resolver, Where at, Slot slot, string appId, CancellationToken ct)
        {
            StoredFile file;
            try
            {
                file = await resolver.ResolveAsync(slot.Node, slot.Part, appId, at.Input.Id, ct);
            }
            catch (DanimError error)
            {
                Errors.Add(new Violation(error.Type, error.Type == ErrorTypes.BadParameter ? "InvalidValue" : "File", at.Composition.Id, at.Input.Id, at.Repetition, error.Message));
                return null;
            }

            var input = at.Input;
            var fits = input.Type switch
            {
                "image" => file.IsImage,
                "video" => file.IsVideo,
                _ => file.IsImage || file.IsVideo,
            };
            if (!fits)
            {
                var wanted = input.Type switch { "image" => "an image", "video" => "a video", _ => "an image or a video" };
                Errors.Add(new Violation(ErrorTypes.InvalidTemplateDataFileMimeType, "FileType", at.Composition.Id, input.Id, at.Repetition,
                    $"{at.Label} takes {wanted}; \"{file.OriginalName}\" is {file.MimeType}."));
                return null;
            }

            if (file.Media.SniffedMime is null)
            {
                Errors.Add(new Violation(ErrorTypes.InvalidTemplateDataFileFormat, "FileFormat", at.Composition.Id, input.Id, at.Repetition,
                    $"{at.Label}: \"{file.OriginalName}\" is not a readable {(file.IsImage ? "image" : "video")}."));
                return null;
            }

            if (file.IsImage)
            {
                WarnImageSize(at, file);
            }
            else
            {
                WarnDuration(at, file);
            }

            return file;
        }

        private void WarnImageSize(Where at, StoredFile file)
        {
            if (file.Media is not { Width: { } width, Height: { } height })
            {
                return;
            }

            var input = at.Input;
            var problems = new List<string>();
            if (input.MinWidth is { } minWidth && width < minWidth) problems.Add($"narrower than min_width {minWidth}");
            if (input.MinHeight is { } minHeight && height < minHeight) problems.Add($"lower than min_height {minHeight}");
            if (input.MaxWidth is { } maxWidth && width > maxWidth) problems.Add($"wider than max_width {maxWidth}");
            if (input.MaxHeight is { } maxHeight && height > maxHeight) problems.Add($"higher than max_height {maxHeight}");
            if (problems.Count > 0)
            {
                Warnings.Add($"{at.Label}: the image is {width}×{height}, {string.Join(", ", problems)}; it will be cropped and resized automatically.");
            }
        }

        private void WarnDuration(Where at, StoredFile file)
        {
            if (file.Media.DurationSeconds is not { } seconds)
            {
                return;
            }

            var input = at.Input;
            var shown = seconds.ToString("0.##", CultureInfo.InvariantCulture);
            string? problem = input.DurationStrategy switch
            {
                "fixed" when input.Duration is { } fixedDuration && Math.Abs(seconds - fixedDuration) > 0.01 => $"not the fixed duration {fixedDuration.ToString(CultureInfo.InvariantCulture)} s",
                "variable" when input.MinDuration is { } min && seconds < min => $"shorter than min_duration {min.ToString(CultureInfo.InvariantCulture)} s",
                "variable" when input.MaxDuration is { } max && seconds > max => $"longer than max_duration {max.ToString(CultureInfo.InvariantCulture)} s",
                _ => null,
            };
            if (problem is not null)
            {
                Warnings.Add($"{at.Label}: the video lasts {shown} s, {problem}; it will be cut automatically.");
            }
        }

        private bool Present(InputSpec input, int repetition) =>
            repetition < Slots[input.Id].Count && Slots[input.Id][repetition].Present;

        /// <summary>A rule governed by <c>strict_check</c>: an error when strict, a warning otherwise.</summary>
        private void Rule(Where at, string rule, string message)
        {
            if (at.Input.StrictCheck)
            {
                Errors.Add(new Violation(ErrorTypes.BadParameter, rule, at.Composition.Id, at.Input.Id, at.Repetition, message));
            }
            else
            {
                Warnings.Add($"{message} Not checked strictly (strict_check is false): the value is used as given.");
            }
        }

        private static Violation Bad(string rule, Where at, string message) =>
            new(ErrorTypes.BadParameter, rule, at.Composition.Id, at.Input.Id, at.Repetition, message);

        /// <summary>Characters as a person counts them (grapheme clusters).</summary>
        private static int Length(string text) => new StringInfo(text).LengthInTextElements;
    }
}
