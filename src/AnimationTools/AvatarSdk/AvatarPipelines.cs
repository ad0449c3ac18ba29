using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.AvatarSdk
{
    /// <summary>
    /// What the document says about pipelines and parameters (contract §6.3, §7, §9), checked before anything is sent.
    /// Names inside categories are checked by the service (or against /parameters/available when given by name).
    /// </summary>
    public static class AvatarPipelines
    {
        public static readonly IReadOnlyDictionary<string, string[]> Subtypes = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["animated_face"] = new[] { "base/legacy", "indie/legacy_styled" },
            ["head_1.2"] = new[] { "base/legacy", "base/mobile", "base/static" },
            ["head_2.0"] = new[] { "bust/mobile", "bust/static", "head/mobile" },
            ["body_0.3"] = new[] { "female", "male", "mobile" },
            ["metaperson_2.0"] = new[] { "female", "male" },
        };

        /// <summary>Pipelines that take export parameters (§6.3).</summary>
        public static readonly string[] ExportPipelines = { "head_1.2", "head_2.0", "body_0.3", "metaperson_2.0" };

        public static readonly string[] Categories =
            { "haircuts", "blendshapes", "model_info", "avatar_modifications", "shape_modifications", "body_shape", "additional_textures", "outfits" };

        static readonly string[] KeyValueCategories = { "avatar_modifications", "shape_modifications", "body_shape" };
        static readonly string[] Colours = { "eye_iris_color", "eye_sclera_color", "hair_color", "lips_color", "teeth_color" };
        static readonly string[] Sizes = { "texture_size", "generated_haircut_texture_size" };
        static readonly string[] NonNegative = { "caricature_amount", "cartoonish_v0.3", "cartoonish_v1.0", "generated_haircut_faces_count" };
        static readonly string[] Genders = { "female", "male", "non_binary" };

        /// <summary>Reliable body-shape input intervals per gender (§7.3, body_shape).</summary>
        static readonly Dictionary<string, Dictionary<string, double[]>> BodyShapeRanges = new Dictionary<string, Dictionary<string, double[]>>
        {
            ["female"] = new Dictionary<string, double[]> { ["height"] = new[] { 150.0, 174 }, ["weight"] = new[] { 54.0, 86 }, ["chest"] = new[] { 90.0, 115 }, ["waist"] = new[] { 73.0, 98 }, ["hips"] = new[] { 90.0, 116 } },
            ["male"] = new Dictionary<string, double[]> { ["height"] = new[] { 160.0, 187 }, ["weight"] = new[] { 70.0, 112 }, ["chest"] = new[] { 96.0, 125 }, ["waist"] = new[] { 81.0, 118 }, ["hips"] = new[] { 93.0, 119 } },
            ["non_binary"] = new Dictionary<string, double[]> { ["height"] = new[] { 150.0, 187 }, ["weight"] = new[] { 54.0, 112 }, ["chest"] = new[] { 90.0, 125 }, ["waist"] = new[] { 73.0, 118 }, ["hips"] = new[] { 90.0, 119 } },
        };

        /// <summary>The pipeline/subtype pair as checked; null pipeline and subtype are left to the service's defaults.</summary>
        public static void CheckPipeline(string pipeline, string subtype)
        {
            if (pipeline == null)
            {
                if (subtype != null && !Subtypes["animated_face"].Contains(subtype))
                {
                    throw Invalid("PipelineSubtype", $"'{subtype}' is not a subtype of the default pipeline animated_face ({string.Join(", ", Subtypes["animated_face"])}); give -Pipeline.");
                }
                return;
            }
            if (!Subtypes.TryGetValue(pipeline, out var subtypes))
            {
                throw Invalid("Pipeline", $"'{pipeline}' is not an Avatar SDK pipeline ({string.Join(", ", Subtypes.Keys)}).");
            }
            if (subtype != null && !subtypes.Contains(subtype))
            {
                throw Invalid("PipelineSubtype", $"'{subtype}' is not a subtype of {pipeline} ({string.Join(", ", subtypes)}).");
            }
        }

        public static string DefaultSubtype(string pipeline) => Subtypes.TryGetValue(pipeline ?? "animated_face", out var s) ? s[0] : null;

        /// <summary>
        /// Checks computation parameters (§7.1 shape, §7.5 values) and returns warnings (body-shape values outside the
        /// reliable intervals: the document says they give different results, not that they are refused).
        /// </summary>
        public static List<string> CheckParameters(IDictionary parameters, string pipeline)
        {
            var warnings = new List<string>();
            foreach (DictionaryEntry entry in parameters)
            {
                var category = Convert.ToString(PowerShellJson.Unwrap(entry.Key), CultureInfo.InvariantCulture);
                if (!Categories.Contains(category))
                {
                    throw Invalid("Parameter", $"'{category}' is not a parameter category ({string.Join(", ", Categories)}).");
                }
                if (category == "body_shape" && pipeline != "body_0.3")
                {
                    throw Invalid("Parameter", "body_shape is a parameter of the body_0.3 pipeline only.");
                }
                var value = PowerShellJson.Unwrap(entry.Value);
                if (KeyValueCategories.Contains(category))
                {
                    foreach (var pairs in KeyValueGroups(category, value))
                    {
                        CheckKeyValues(category, pairs, warnings);
                    }
                }
                else
                {
                    foreach (var list in EnumerableGroups(category, value))
                    {
                        foreach (var item in list)
                        {
                            if (!(PowerShellJson.Unwrap(item) is string))
                            {
                                throw Invalid("Parameter", $"{category} lists names (strings); got '{item}'.");
                            }
                        }
                    }
                }
            }
            return warnings;
        }

        /// <summary>{group: [names]} or, where the group level is omitted, [names].</summary>
        static IEnumerable<IEnumerable> EnumerableGroups(string category, object value)
        {
            if (value is IDictionary groups)
            {
                foreach (DictionaryEntry group in groups)
                {
                    var list = PowerShellJson.Unwrap(group.Value);
                    if (list is string single)
                    {
                        yield return new[] { single };
                    }
                    else if (list is IEnumerable items && !(list is IDictionary))
                    {
                        yield return items;
                    }
                    else
                    {
                        throw Invalid("Parameter", $"{category}.{group.Key} must be a list of names.");
                    }
                }
            }
            else if (value is IEnumerable items && !(value is string))
            {
                yield return items;
            }
            else
            {
                throw Invalid("Parameter", $"{category} must be @{{ <group> = @('name', ...) }}.");
            }
        }

        /// <summary>{group: {name: value}} or, where the group level is omitted, {name: value}.</summary>
        static IEnumerable<IDictionary> KeyValueGroups(string category, object value)
        {
            if (!(value is IDictionary dictionary))
            {
                throw Invalid("Parameter", $"{category} takes name = value pairs: @{{ <group> = @{{ name = value }} }}.");
            }
            var values = dictionary.Values.Cast<object>().Select(PowerShellJson.Unwrap).ToList();
            if (values.Count > 0 && values.All(v => v is IDictionary) && !dictionary.Keys.Cast<object>().Any(k => Colours.Contains(k?.ToString()) || Sizes.Contains(k?.ToString())))
            {
                return values.Cast<IDictionary>();
            }
            return new[] { dictionary };
        }

        static void CheckKeyValues(string category, IDictionary pairs, List<string> warnings)
        {
            string gender = null;
            foreach (DictionaryEntry pair in pairs)
            {
                var name = Convert.ToString(PowerShellJson.Unwrap(pair.Key), CultureInfo.InvariantCulture);
                var value = PowerShellJson.Unwrap(pair.Value);
                if (Colours.Contains(name))
                {
                    CheckColour("Parameter", $"{category}.{name}", value);
                }
                else if (Sizes.Contains(name))
                {
                    CheckSize("Parameter", $"{category}.{name}", value);
                }
                else if (NonNegative.Contains(name))
                {
                    if (!(Number(value) >= 0))
                    {
                        throw Invalid("Parameter", $"{category}.{name} must be a number of 0 or more; got '{value}'.");
                    }
                }
                else if (category == "body_shape")
                {
                    if (name == "gender")
                    {
                        gender = value as string;
                        if (!Genders.Contains(gender))
                        {
                            throw Invalid("Parameter", $"body_shape.gender must be female, male or non_binary; got '{value}'.");
                        }
                    }
                    else if (!(Number(value) > 0))
                    {
                        throw Invalid("Parameter", $"body_shape.{name} must be a positive number (cm or kg); got '{value}'.");
                    }
                }
                else if (!(value is bool))
                {
                    throw Invalid("Parameter", $"{category}.{name} must be $true or $false; got '{value}'.");
                }
            }

            if (category == "body_shape")
            {
                var ranges = BodyShapeRanges[gender ?? "non_binary"];
                foreach (DictionaryEntry pair in pairs)
                {
                    var name = pair.Key.ToString();
                    if (ranges.TryGetValue(name, out var range) && Number(PowerShellJson.Unwrap(pair.Value)) is double number && (number < range[0] || number > range[1]))
                    {
                        warnings.Add($"body_shape.{name} = {number.ToString(CultureInfo.InvariantCulture)} is outside the reliable interval [{range[0]}; {range[1]}] for {gender ?? "non_binary"}: the avatar may differ noticeably.");
                    }
                }
            }
        }

        /// <summary>Checks export parameters (§6.3): only for export pipelines; flag types, LODs, colours, sizes, lists.</summary>
        public static void CheckExportParameters(IDictionary exportParameters, string pipeline, string parameterName = "ExportParameter")
        {
            var resolved = pipeline ?? "animated_face";
            if (!ExportPipelines.Contains(resolved))
            {
                throw Invalid(parameterName, $"The {resolved} pipeline takes no export parameters; they are for {string.Join(", ", ExportPipelines)}.");
            }
            CheckExportSection(exportParameters, "export parameters", resolved == "metaperson_2.0", parameterName, topLevel: true);
        }

        static void CheckExportSection(IDictionary section, string where, bool metaPerson, string parameterName, bool topLevel)
        {
            foreach (DictionaryEntry entry in section)
            {
                var name = Convert.ToString(PowerShellJson.Unwrap(entry.Key), CultureInfo.InvariantCulture);
                var value = PowerShellJson.Unwrap(entry.Value);
                var what = where + "." + name;
                switch (name)
                {
                    case "format":
                    case "template":
                        if (value != null && !(value is string))
                        {
                            throw Invalid(parameterName, $"{what} must be a string.");
                        }
                        break;
                    case "lod":
                        if (value == null)
                        {
                            break;
                        }
                        if (metaPerson ? !(value is string text && (text == "LOD1" || text == "LOD2")) : !(Number(value) is double lod && lod >= 0 && lod % 1 == 0))
                        {
                            throw Invalid(parameterName, metaPerson ? $"{what} must be 'LOD1' or 'LOD2'." : $"{what} must be a whole number of 0 or more (0 = most detailed).");
                        }
                        break;
                    case "color":
                        if (value != null)
                        {
                            CheckColour(parameterName, what, value);
                        }
                        break;
                    case "texture_size":
                        if (value != null)
                        {
                            CheckSize(parameterName, what, value);
                        }
                        break;
                    case "list":
                    case "additional_textures":
                        if (value != null && (value is string || !(value is IEnumerable items) || items.Cast<object>().Any(i => !(PowerShellJson.Unwrap(i) is string))))
                        {
                            throw Invalid(parameterName, $"{what} must be a list of names.");
                        }
                        break;
                    case "textures":
                        if (value != null && !(value is IDictionary))
                        {
                            throw Invalid(parameterName, $"{what} must be @{{ list = @(...); profile = '2K.png'; embed = $false }}.");
                        }
                        if (value is IDictionary textures)
                        {
                            CheckExportSection(textures, what, metaPerson, parameterName, topLevel: false);
                        }
                        break;
                    case "profile":
                        if (value != null && !(value is string))
                        {
                            throw Invalid(parameterName, $"{what} must be a texture profile such as '2K.png'.");
                        }
                        break;
                    case "values":
                        if (value != null && !(value is IDictionary))
                        {
                            throw Invalid(parameterName, $"{what} must be @{{ <set> = @{{ <blendshape> = <number> }} }}.");
                        }
                        break;
                    default:
                        if (value is IDictionary category && topLevel)
                        {
                            CheckExportSection(category, what, metaPerson, parameterName, topLevel: false);
                        }
                        else if (value != null && !(value is bool))
                        {
                            throw Invalid(parameterName, $"{what} must be $true, $false or $null.");
                        }
                        break;
                }
            }
        }

        public static void CheckColour(string parameterName, string what, object value)
        {
            var colour = PowerShellJson.Unwrap(value) as IDictionary;
            var valid = colour != null && colour.Count == 3 && new[] { "red", "green", "blue" }.All(c =>
                colour.Contains(c) && Number(PowerShellJson.Unwrap(colour[c])) is double n && n >= 0 && n <= 255 && n % 1 == 0);
            if (!valid)
            {
                throw Invalid(parameterName, $"{what} must be a colour @{{ red = 0-255; green = 0-255; blue = 0-255 }} of whole numbers.");
            }
        }

        public static void CheckSize(string parameterName, string what, object value)
        {
            var size = PowerShellJson.Unwrap(value) as IDictionary;
            var valid = size != null && size.Count == 2 && new[] { "width", "height" }.All(c =>
                size.Contains(c) && Number(PowerShellJson.Unwrap(size[c])) is double n && n > 0 && n % 1 == 0);
            if (!valid)
            {
                throw Invalid(parameterName, $"{what} must be a size @{{ width = <positive>; height = <positive> }} of whole numbers.");
            }
        }

        static double? Number(object value)
        {
            switch (value)
            {
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _: case float _: case double _: case decimal _:
                    return Convert.ToDouble(value, CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }

        internal static AnimationToolsException Invalid(string parameter, string message) =>
            new AnimationToolsException($"{AvatarSdkSession.ServiceName}.InvalidParameter.{parameter}", ErrorCategory.InvalidArgument, message);
    }
}
