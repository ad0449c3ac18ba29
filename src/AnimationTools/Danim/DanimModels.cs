using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnimationTools.Danim
{
    /// <summary>A file preloaded with Send-DanimFile; its Id stands for the file in template data for 24 hours.</summary>
    public sealed class DanimFile
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string MimeType { get; set; }
        public long Size { get; set; }
        public string Url { get; set; }
        public string Path { get; set; }
        public DateTime? CreatedAt { get; set; }

        /// <summary>When the id stops being valid (24 h after the upload).</summary>
        public DateTime? ExpiresAt { get; set; }
    }

    /// <summary>A template with its specs parsed: ratios, theme, compositions with their inputs and rules.</summary>
    public sealed class DanimTemplate
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public double[] Ratios { get; set; } = new double[0];
        public DanimTheme Theme { get; set; }
        public DanimComposition[] Compositions { get; set; } = new DanimComposition[0];

        /// <summary>Every input id of the template.</summary>
        public string[] Inputs { get; set; } = new string[0];

        /// <summary>The specs as the service sent them (JSON text).</summary>
        public string SpecsJson { get; set; }
    }

    /// <summary>The colour keys of a template and its ready-made colour variants.</summary>
    public sealed class DanimTheme
    {
        /// <summary>Colour key → label, e.g. main-color → Main color.</summary>
        public Hashtable Layout { get; set; } = new Hashtable();
        public DanimThemeVariant[] Variants { get; set; } = new DanimThemeVariant[0];
    }

    public sealed class DanimThemeVariant
    {
        public string Name { get; set; }

        /// <summary>Colour key → colour, e.g. main-color → #00aaa1.</summary>
        public Hashtable Colors { get; set; } = new Hashtable();
    }

    /// <summary>A composition (scene) of a template; dynamic ones repeat 0..n times as a zone.</summary>
    public sealed class DanimComposition
    {
        public string Id { get; set; }
        public string Description { get; set; }
        public bool Required { get; set; }
        public bool IsDynamic { get; set; }
        public int? MinDynamicZoneQuantity { get; set; }
        public int? MaxDynamicZoneQuantity { get; set; }
        public bool DynamicZoneStart { get; set; }
        public bool DynamicZoneEnd { get; set; }
        public DanimInput[] Inputs { get; set; } = new DanimInput[0];
    }

    /// <summary>A text or file input of a composition, with its rules.</summary>
    public sealed class DanimInput
    {
        public string Id { get; set; }
        public string Composition { get; set; }
        public string Description { get; set; }
        public bool Required { get; set; }

        /// <summary>Text or File.</summary>
        public string Kind { get; set; }

        /// <summary>text, number, paragraph, select, boolean; image, video, image_video.</summary>
        public string Type { get; set; }
        public bool StrictCheck { get; set; }
        public int? MaxLength { get; set; }
        public bool IsInt { get; set; }
        public double? MinNumericValue { get; set; }
        public double? MaxNumericValue { get; set; }
        public string Suffix { get; set; }
        public int? MaxParagraphLineLength { get; set; }
        public int? MaxParagraphLines { get; set; }
        public string[] Values { get; set; }
        public int? MinWidth { get; set; }
        public int? MinHeight { get; set; }
        public int? MaxWidth { get; set; }
        public int? MaxHeight { get; set; }
        public string DurationStrategy { get; set; }
        public double? Duration { get; set; }
        public double? MinDuration { get; set; }
        public double? MaxDuration { get; set; }
        public bool ForceMuted { get; set; }
    }

    /// <summary>A Danim video: DRAFT, PENDING_IN_APP, GENERATING, DONE or FAILED; the URLs are set once DONE.</summary>
    public sealed class DanimVideo
    {
        public string Id { get; set; }
        public string ShortId { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public string State { get; set; }
        public DateTime? CreatedAt { get; set; }
        public DateTime? UpdatedAt { get; set; }
        public string TemplateId { get; set; }
        public string WorkspaceId { get; set; }
        public string RawUrl { get; set; }
        public string PlayerUrl { get; set; }
        public string ThumbnailUrl { get; set; }
        public string QuicklookUrl { get; set; }
        public string FailureType { get; set; }
        public string FailureReason { get; set; }

        /// <summary>The downloaded mp4, when the video was saved (-Destination).</summary>
        public FileInfo File { get; set; }
    }

    /// <summary>A workspace of the organization.</summary>
    public sealed class DanimWorkspace
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public string LogoUrl { get; set; }
        public DateTime? CreatedAt { get; set; }
    }

    /// <summary>A video as GraphQL returns it (camelCase fields).</summary>
    sealed class VideoDto
    {
        public const string Fields = "id shortId name description state createdAt updatedAt templateId workspaceId rawUrl playerUrl thumbnailUrl quicklookUrl failureType failureReason";

        [JsonPropertyName("id")] public string Id { get; set; }
        [JsonPropertyName("shortId")] public string ShortId { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; }
        [JsonPropertyName("description")] public string Description { get; set; }
        [JsonPropertyName("state")] public string State { get; set; }
        [JsonPropertyName("createdAt")] public string CreatedAt { get; set; }
        [JsonPropertyName("updatedAt")] public string UpdatedAt { get; set; }
        [JsonPropertyName("templateId")] public string TemplateId { get; set; }
        [JsonPropertyName("workspaceId")] public string WorkspaceId { get; set; }
        [JsonPropertyName("rawUrl")] public string RawUrl { get; set; }
        [JsonPropertyName("playerUrl")] public string PlayerUrl { get; set; }
        [JsonPropertyName("thumbnailUrl")] public string ThumbnailUrl { get; set; }
        [JsonPropertyName("quicklookUrl")] public string QuicklookUrl { get; set; }
        [JsonPropertyName("failureType")] public string FailureType { get; set; }
        [JsonPropertyName("failureReason")] public string FailureReason { get; set; }

        /// <summary>Set when the service no longer knows the video (removed).</summary>
        [JsonIgnore] public bool Missing { get; set; }
    }

    static class DanimModels
    {
        public static DateTime? Time(string text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.LocalDateTime : (DateTime?)null;

        public static DanimVideo ToVideo(VideoDto v) => new DanimVideo
        {
            Id = v.Id, ShortId = v.ShortId, Name = v.Name, Description = v.Description, State = v.State,
            CreatedAt = Time(v.CreatedAt), UpdatedAt = Time(v.UpdatedAt), TemplateId = v.TemplateId, WorkspaceId = v.WorkspaceId,
            RawUrl = v.RawUrl, PlayerUrl = v.PlayerUrl, ThumbnailUrl = v.ThumbnailUrl, QuicklookUrl = v.QuicklookUrl,
            FailureType = v.FailureType, FailureReason = v.FailureReason,
        };

        public static DanimFile ToFile(JsonElement file, TimeSpan lifetime)
        {
            var created = Time(Text(file, "created_at"));
            return new DanimFile
            {
                Id = Text(file, "id"),
                Name = Text(file, "original_name"),
                MimeType = Text(file, "mime_type"),
                Size = file.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : 0,
                Url = Text(file, "url"),
                Path = Text(file, "path"),
                CreatedAt = created,
                ExpiresAt = created?.Add(lifetime),
            };
        }

        public static DanimWorkspace ToWorkspace(JsonElement w) => new DanimWorkspace
        {
            Id = Text(w, "id"), Name = Text(w, "name"), Description = Text(w, "description"), LogoUrl = Text(w, "logoUrl"), CreatedAt = Time(Text(w, "createdAt")),
        };

        /// <summary>A template from GraphQL <c>template { id name specs inputs }</c>: specs is JSON inside a string.</summary>
        public static DanimTemplate ToTemplate(JsonElement t)
        {
            var template = new DanimTemplate { Id = Text(t, "id"), Name = Text(t, "name"), SpecsJson = Text(t, "specs") };
            if (t.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Array)
            {
                template.Inputs = Strings(inputs);
            }
            if (string.IsNullOrWhiteSpace(template.SpecsJson))
            {
                return template;
            }
            using (var document = JsonDocument.Parse(template.SpecsJson))
            {
                var specs = document.RootElement;
                if (specs.TryGetProperty("info", out var info))
                {
                    if (info.TryGetProperty("ratios", out var ratios) && ratios.ValueKind == JsonValueKind.Array)
                    {
                        var list = new List<double>();
                        foreach (var r in ratios.EnumerateArray())
                        {
                            if (r.ValueKind == JsonValueKind.Number) list.Add(r.GetDouble());
                        }
                        template.Ratios = list.ToArray();
                    }
                    if (info.TryGetProperty("theme", out var theme) && theme.ValueKind == JsonValueKind.Object)
                    {
                        template.Theme = ToTheme(theme);
                    }
                }
                var compositions = new List<DanimComposition>();
                if (specs.TryGetProperty("compositions", out var comps) && comps.ValueKind == JsonValueKind.Array)
                {
                    foreach (var c in comps.EnumerateArray())
                    {
                        compositions.Add(ToComposition(c));
                    }
                }
                template.Compositions = compositions.ToArray();
                if (template.Inputs.Length == 0)
                {
                    var all = new List<string>();
                    foreach (var c in template.Compositions)
                    {
                        foreach (var i in c.Inputs) all.Add(i.Id);
                    }
                    template.Inputs = all.ToArray();
                }
            }
            return template;
        }

        static DanimTheme ToTheme(JsonElement theme)
        {
            var result = new DanimTheme();
            if (theme.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in layout.EnumerateObject())
                {
                    result.Layout[key.Name] = key.Value.ValueKind == JsonValueKind.Object ? Text(key.Value, "name") : key.Value.ToString();
                }
            }
            if (theme.TryGetProperty("variants", out var variants) && variants.ValueKind == JsonValueKind.Array)
            {
                var list = new List<DanimThemeVariant>();
                foreach (var v in variants.EnumerateArray())
                {
                    var variant = new DanimThemeVariant { Name = Text(v, "name") };
                    if (v.TryGetProperty("colors", out var colors) && colors.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var color in colors.EnumerateObject()) variant.Colors[color.Name] = color.Value.ToString();
                    }
                    list.Add(variant);
                }
                result.Variants = list.ToArray();
            }
            return result;
        }

        static DanimComposition ToComposition(JsonElement c)
        {
            var composition = new DanimComposition
            {
                Id = Text(c, "id"), Description = Text(c, "description"), Required = Bool(c, "required"), IsDynamic = Bool(c, "is_dynamic"),
                MinDynamicZoneQuantity = (int?)Number(c, "min_dynamic_zone_quantity"), MaxDynamicZoneQuantity = (int?)Number(c, "max_dynamic_zone_quantity"),
                DynamicZoneStart = Bool(c, "dynamic_zone_start"), DynamicZoneEnd = Bool(c, "dynamic_zone_end"),
            };
            var inputs = new List<DanimInput>();
            foreach (var (list, kind) in new[] { ("texts", "Text"), ("files", "File") })
            {
                if (!c.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array) continue;
                foreach (var i in items.EnumerateArray())
                {
                    inputs.Add(new DanimInput
                    {
                        Id = Text(i, "id"), Composition = composition.Id, Description = Text(i, "description"), Required = Bool(i, "required"),
                        Kind = kind, Type = Text(i, "type"), StrictCheck = Bool(i, "strict_check"), MaxLength = (int?)Number(i, "max_length"),
                        IsInt = Bool(i, "is_int"), MinNumericValue = Number(i, "min_numeric_value"), MaxNumericValue = Number(i, "max_numeric_value"),
                        Suffix = Text(i, "suffix"), MaxParagraphLineLength = (int?)Number(i, "max_paragraph_line_length"), MaxParagraphLines = (int?)Number(i, "max_paragraph_lines"),
                        Values = i.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array ? Strings(values) : null,
                        MinWidth = (int?)Number(i, "min_width"), MinHeight = (int?)Number(i, "min_height"), MaxWidth = (int?)Number(i, "max_width"), MaxHeight = (int?)Number(i, "max_height"),
                        DurationStrategy = Text(i, "duration_strategy"), Duration = Number(i, "duration"), MinDuration = Number(i, "min_duration"), MaxDuration = Number(i, "max_duration"),
                        ForceMuted = Bool(i, "force_muted"),
                    });
                }
            }
            composition.Inputs = inputs.ToArray();
            return composition;
        }

        public static string Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

        static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

        static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;

        static string[] Strings(JsonElement array)
        {
            var list = new List<string>();
            foreach (var item in array.EnumerateArray()) list.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
            return list.ToArray();
        }
    }
}
