using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.Danim
{
    /// <summary>One problem of template data: an error when its rule is enforced (strict), else a warning.</summary>
    public sealed class TemplateDataProblem
    {
        /// <summary>The rule broken: MissingComposition, MissingInput, DynamicZoneQuantity, MaxLength, Number, IsInt, ...</summary>
        public string Rule { get; set; }

        /// <summary>The input id (the composition id for a missing composition).</summary>
        public string Input { get; set; }
        public string Composition { get; set; }

        /// <summary>Repetition of a dynamic zone (0-based), when the problem is about one.</summary>
        public int? Repetition { get; set; }
        public string Message { get; set; }

        /// <summary>True when the service refuses the data for it; false for informative rules (warnings).</summary>
        public bool IsError { get; set; }

        public AnimationToolsException ToException() =>
            new AnimationToolsException(DanimErrorIds.TemplateDataPrefix + Rule, Rule.StartsWith("Missing", StringComparison.Ordinal) ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidData, Message, null, Input)
            {
                RecommendedAction = Rule.StartsWith("Missing", StringComparison.Ordinal)
                    ? "Add the missing values to -TemplateData (Get-DanimTemplate shows the template's compositions and inputs)."
                    : "Correct the value of '" + Input + "' in -TemplateData (Get-DanimTemplate shows the template's inputs and rules).",
            };

        public override string ToString() => Message;
    }

    /// <summary>
    /// The module's own check of "minimalist" template data (contract §8.3), before anything is sent: required
    /// compositions and inputs (an optional composition counts as started once any of its inputs is given), dynamic zone
    /// quantities (an input of a dynamic composition may take a list, one value per repetition), text rules
    /// (max_length, numbers, is_int, ranges, paragraph lines, select values, booleans; enforced only with strict_check,
    /// else warnings) and file inputs (image/video type, accepted extensions, the <c>file+</c> prefix of URLs).
    /// It reports every problem at once, in template order.
    /// </summary>
    public static class TemplateDataValidator
    {
        static readonly string[] ExpertKeys = { "ratio", "ratios", "theme", "compositions", "crop", "range", "format" };

        public static IReadOnlyList<TemplateDataProblem> Check(DanimTemplate template, IDictionary data)
        {
            var problems = new List<TemplateDataProblem>();
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in data ?? new Hashtable())
            {
                values[Convert.ToString(PowerShellJson.Unwrap(entry.Key), CultureInfo.InvariantCulture)] = PowerShellJson.Unwrap(entry.Value);
            }
            var known = new HashSet<string>(template.Compositions.SelectMany(c => c.Inputs).Select(i => i.Id), StringComparer.Ordinal);
            foreach (var key in values.Keys.Where(k => !known.Contains(k)))
            {
                if (ExpertKeys.Contains(key))
                {
                    problems.Add(Problem("ExpertMode", key, null, null, true,
                        $"'{key}' is an expert-mode key; only the minimalist form (input id = value) is supported. Remove '{key}' from the template data."));
                }
                else
                {
                    problems.Add(Problem("UnknownInput", key, null, null, false,
                        $"'{key}' is not an input of template {template.Id}; Danim ignores it. Inputs: {string.Join(", ", template.Inputs)}."));
                }
            }

            foreach (var zone in Zones(template.Compositions))
            {
                if (zone.Dynamic)
                {
                    CheckZone(zone, values, problems);
                }
                else
                {
                    CheckComposition(zone.Compositions[0], values, problems);
                }
            }
            return problems;
        }

        sealed class Zone
        {
            public bool Dynamic;
            public List<DanimComposition> Compositions = new List<DanimComposition>();
        }

        /// <summary>Groups dynamic compositions from a zone start to its zone end; every other composition is alone.</summary>
        static IEnumerable<Zone> Zones(IEnumerable<DanimComposition> compositions)
        {
            Zone open = null;
            foreach (var composition in compositions)
            {
                if (!composition.IsDynamic)
                {
                    if (open != null)
                    {
                        yield return open;
                        open = null;
                    }
                    yield return new Zone { Compositions = { composition } };
                    continue;
                }
                if (open == null || composition.DynamicZoneStart)
                {
                    if (open != null)
                    {
                        yield return open;
                    }
                    open = new Zone { Dynamic = true };
                }
                open.Compositions.Add(composition);
                if (composition.DynamicZoneEnd)
                {
                    yield return open;
                    open = null;
                }
            }
            if (open != null)
            {
                yield return open;
            }
        }

        static void CheckComposition(DanimComposition composition, Dictionary<string, object> values, List<TemplateDataProblem> problems)
        {
            var given = composition.Inputs.Where(i => Given(values, i.Id)).ToList();
            if (given.Count == 0)
            {
                if (composition.Required)
                {
                    var required = composition.Inputs.Where(i => i.Required).Select(i => i.Id).ToList();
                    problems.Add(Problem("MissingComposition", composition.Id, composition.Id, null, true,
                        $"The composition '{composition.Id}' ({composition.Description}) is required but none of its inputs is given; give " +
                        (required.Count > 0 ? string.Join(", ", required.Select(r => "'" + r + "'")) : "one of its inputs") + "."));
                }
                return;
            }
            foreach (var input in composition.Inputs)
            {
                if (!Given(values, input.Id))
                {
                    if (input.Required)
                    {
                        problems.Add(Missing(composition, input, null));
                    }
                    continue;
                }
                var value = values[input.Id];
                if (value is IList && !(value is string))
                {
                    problems.Add(Problem("InvalidValue", input.Id, composition.Id, null, true,
                        $"'{input.Id}' takes one value: lists are only for inputs of dynamic compositions, and '{composition.Id}' is not dynamic."));
                    continue;
                }
                CheckValue(composition, input, value, null, problems);
            }
        }

        static void CheckZone(Zone zone, Dictionary<string, object> values, List<TemplateDataProblem> problems)
        {
            var head = zone.Compositions[0];
            var min = zone.Compositions.Select(c => c.MinDynamicZoneQuantity).FirstOrDefault(q => q.HasValue) ?? 0;
            var max = zone.Compositions.Select(c => c.MaxDynamicZoneQuantity).FirstOrDefault(q => q.HasValue);
            var quantity = zone.Compositions.SelectMany(c => c.Inputs).Select(i => Repetitions(values, i.Id).Count).DefaultIfEmpty(0).Max();
            var zoneName = string.Join(", ", zone.Compositions.Select(c => "'" + c.Id + "'"));
            if (quantity == 0)
            {
                if (min >= 1 || zone.Compositions.Any(c => c.Required))
                {
                    problems.Add(Problem("MissingComposition", head.Id, head.Id, null, true,
                        $"The dynamic zone {zoneName} needs at least {Math.Max(min, 1)} repetition(s) but none is given; give its inputs (a list gives one value per repetition)."));
                }
                return;
            }
            if (quantity < min || (max.HasValue && quantity > max.Value))
            {
                problems.Add(Problem("DynamicZoneQuantity", head.Id, head.Id, null, true,
                    $"The dynamic zone {zoneName} is given {quantity} repetition(s); it takes {min} to {(max.HasValue ? max.Value.ToString(CultureInfo.InvariantCulture) : "any number of")}."));
            }
            foreach (var composition in zone.Compositions)
            {
                for (var r = 0; r < quantity; r++)
                {
                    var at = composition.Inputs.ToDictionary(i => i.Id, i => { var reps = Repetitions(values, i.Id); return r < reps.Count ? reps[r] : null; });
                    if (!composition.Required && at.Values.All(v => v == null))
                    {
                        continue;
                    }
                    foreach (var input in composition.Inputs)
                    {
                        if (at[input.Id] == null)
                        {
                            if (input.Required)
                            {
                                problems.Add(Missing(composition, input, r));
                            }
                            continue;
                        }
                        CheckValue(composition, input, at[input.Id], r, problems);
                    }
                }
            }
        }

        static TemplateDataProblem Missing(DanimComposition composition, DanimInput input, int? repetition) =>
            Problem("MissingInput", input.Id, composition.Id, repetition, true,
                $"The input '{input.Id}' ({input.Description}) is required in composition '{composition.Id}'" +
                (repetition.HasValue ? $" (repetition {repetition.Value + 1})" : composition.Required ? "" : ", which is used because another of its inputs is given") +
                $", but it is not given. Add '{input.Id}' to the template data" + (composition.Required ? "." : $", or leave out every input of '{composition.Id}'."));

        static void CheckValue(DanimComposition composition, DanimInput input, object value, int? repetition, List<TemplateDataProblem> problems)
        {
            var where = repetition.HasValue ? $" (repetition {repetition.Value + 1})" : "";
            void Add(string rule, bool error, string message) => problems.Add(Problem(rule, input.Id, composition.Id, repetition, error, message));

            if (input.Kind == "File")
            {
                CheckFile(input, value, where, Add);
                return;
            }
            if (value is IDictionary || value is FileSystemInfo || value is Uri)
            {
                Add("InvalidValue", true, $"'{input.Id}'{where} is a {input.Type} input and takes a plain value, not {(value is IDictionary ? "an object (expert mode is not supported)" : "a file")}.");
                return;
            }
            var strict = input.StrictCheck;
            var text = value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture);
            switch (input.Type)
            {
                case "number":
                    if (!TryNumber(value, out var number))
                    {
                        Add("Number", strict, $"'{input.Id}'{where} must be a number; '{text}' is not.");
                        return;
                    }
                    if (input.IsInt && Math.Floor(number) != number)
                    {
                        Add("IsInt", strict, $"'{input.Id}'{where} must be a whole number; {Show(number)} is not (round it, e.g. {Show(Math.Round(number))}).");
                    }
                    if (input.MinNumericValue.HasValue && number < input.MinNumericValue.Value)
                    {
                        Add("MinNumericValue", strict, $"'{input.Id}'{where} must be at least {Show(input.MinNumericValue.Value)}; {Show(number)} is below.");
                    }
                    if (input.MaxNumericValue.HasValue && number > input.MaxNumericValue.Value)
                    {
                        Add("MaxNumericValue", strict, $"'{input.Id}'{where} must be at most {Show(input.MaxNumericValue.Value)}; {Show(number)} is above.");
                    }
                    break;
                case "paragraph":
                    var lines = text.Replace("\r\n", "\n").Split('\n');
                    if (input.MaxParagraphLines.HasValue && lines.Length > input.MaxParagraphLines.Value)
                    {
                        Add("MaxParagraphLines", strict, $"'{input.Id}'{where} has {lines.Length} lines; at most {input.MaxParagraphLines.Value} fit.");
                    }
                    if (input.MaxParagraphLineLength.HasValue)
                    {
                        for (var i = 0; i < lines.Length; i++)
                        {
                            var length = new StringInfo(lines[i]).LengthInTextElements;
                            if (length > input.MaxParagraphLineLength.Value)
                            {
                                Add("MaxParagraphLineLength", strict, $"Line {i + 1} of '{input.Id}'{where} has {length} characters; at most {input.MaxParagraphLineLength.Value} fit on a line (break it with a new line).");
                            }
                        }
                    }
                    break;
                case "select":
                    if (input.Values != null && !input.Values.Contains(text, StringComparer.Ordinal))
                    {
                        Add("Values", strict, $"'{input.Id}'{where} must be one of {string.Join(", ", input.Values.Select(v => "'" + v + "'"))}; '{text}' is not.");
                    }
                    break;
                case "boolean":
                    if (!(value is bool) && !new[] { "true", "false", "1", "0" }.Contains(text))
                    {
                        Add("Boolean", strict, $"'{input.Id}'{where} must be $true or $false; '{text}' is not.");
                    }
                    break;
            }
            if (input.MaxLength.HasValue && input.Type != "number")
            {
                var length = new StringInfo(text).LengthInTextElements;
                if (length > input.MaxLength.Value)
                {
                    Add("MaxLength", strict, $"'{input.Id}'{where} has {length} characters; at most {input.MaxLength.Value} fit" + (strict ? "." : " (Danim accepts it, but the text may not fit)."));
                }
            }
        }

        static void CheckFile(DanimInput input, object value, string where, Action<string, bool, string> add)
        {
            string extension = null;
            switch (value)
            {
                case FileInfo file:
                    if (!file.Exists)
                    {
                        add("File", true, $"'{input.Id}'{where}: the file '{file.FullName}' does not exist.");
                        return;
                    }
                    if (file.Length == 0)
                    {
                        add("File", true, $"'{input.Id}'{where}: the file '{file.Name}' is empty.");
                        return;
                    }
                    if (file.Length > DanimFiles.MaxBytes)
                    {
                        add("File", true, $"'{input.Id}'{where}: the file '{file.Name}' is larger than Danim's {DanimFiles.MaxBytes / 1024 / 1024} MiB.");
                        return;
                    }
                    extension = file.Extension.ToLowerInvariant();
                    if (!DanimFiles.Extensions.Contains(extension))
                    {
                        add("File", true, $"'{input.Id}'{where}: the extension of '{file.Name}' is not accepted; use one of {string.Join(", ", DanimFiles.Extensions.Select(e => e.TrimStart('.')))}.");
                        return;
                    }
                    break;
                case Uri uri:
                    if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    {
                        add("InvalidValue", true, $"'{input.Id}'{where}: the URL '{uri}' must be an absolute http or https URL.");
                        return;
                    }
                    extension = Path.GetExtension(uri.AbsolutePath).ToLowerInvariant();
                    break;
                case string text:
                    if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    {
                        add("FileUrl", true, $"'{input.Id}'{where}: '{text}' would be taken as a file id, not downloaded; write 'file+{text}' or pass [uri]'{text}'.");
                        return;
                    }
                    if (text.StartsWith("file+", StringComparison.OrdinalIgnoreCase))
                    {
                        extension = Path.GetExtension(text).ToLowerInvariant();
                    }
                    break;
                default:
                    add("InvalidValue", true, $"'{input.Id}'{where} is a file input: give Get-Item of a file, a [uri], a 'file+https://' URL or a preloaded file id (Send-DanimFile).");
                    return;
            }
            if (string.IsNullOrEmpty(extension))
            {
                return;
            }
            var isVideo = extension == ".mp4" || extension == ".mov";
            var isImage = extension == ".jpg" || extension == ".jpeg" || extension == ".png";
            if (input.Type == "image" && isVideo)
            {
                add("FileType", true, $"'{input.Id}'{where} is an image input; '{extension}' is a video. Give a JPEG or PNG image.");
            }
            else if (input.Type == "video" && isImage)
            {
                add("FileType", true, $"'{input.Id}'{where} is a video input; '{extension}' is an image. Give an MP4 or MOV video.");
            }
        }

        static bool Given(Dictionary<string, object> values, string id) => values.TryGetValue(id, out var value) && value != null;

        /// <summary>The values of an input per repetition: a list is one per repetition, a single value is one.</summary>
        static List<object> Repetitions(Dictionary<string, object> values, string id)
        {
            if (!values.TryGetValue(id, out var value) || value == null)
            {
                return new List<object>();
            }
            if (value is IList list && !(value is string))
            {
                return list.Cast<object>().Select(PowerShellJson.Unwrap).ToList();
            }
            return new List<object> { value };
        }

        static bool TryNumber(object value, out double number)
        {
            switch (value)
            {
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _: case float _: case double _: case decimal _:
                    number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    return true;
                case string text:
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
                default:
                    number = 0;
                    return false;
            }
        }

        static string Show(double number) => number.ToString("0.###", CultureInfo.InvariantCulture);

        static TemplateDataProblem Problem(string rule, string input, string composition, int? repetition, bool error, string message) =>
            new TemplateDataProblem { Rule = rule, Input = input, Composition = composition, Repetition = repetition, IsError = error, Message = message };
    }
}
