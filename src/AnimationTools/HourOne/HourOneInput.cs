using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.HourOne
{
    /// <summary>
    /// Turns -Scene and -Metadata into the shapes of the API, checking the documented limits before anything is sent
    /// (contract §7.1, §7.2): scenes <c>{name, type: override_scene, texts, media, transcript (≤ 1000), voice_recording_url}</c>,
    /// metadata values strings, integers or booleans, correlation_id ≤ 100 characters.
    /// </summary>
    static class HourOneInput
    {
        public const int MaxTranscript = 1000;

        /// <summary>Languages Hour One makes subtitles in (contract §7.3).</summary>
        public static readonly string[] SubtitleLanguages = { "en", "es", "de", "pt", "it", "fr", "nl", "ja", "tr", "pl", "hu", "cz", "he", "zh", "hi", "ru", "ko", "ar" };

        static readonly string[] SceneKeys = { "Name", "Texts", "Media", "Transcript", "VoiceRecordingUrl" };

        public static AnimationToolsException Invalid(string parameter, string message) =>
            new AnimationToolsException($"HourOne.InvalidParameter.{parameter}", ErrorCategory.InvalidArgument, message, null, parameter);

        public static JsonArray Scenes(IDictionary[] scenes)
        {
            var array = new JsonArray();
            for (var i = 0; i < scenes.Length; i++)
            {
                var scene = scenes[i];
                if (scene == null)
                {
                    throw Invalid("Scene", $"Scene {i} is null; give a hashtable with Name and optionally Texts, Media, Transcript, VoiceRecordingUrl.");
                }
                var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in scene)
                {
                    var key = entry.Key?.ToString() ?? "";
                    var known = SceneKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(k, key.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
                    if (known == null)
                    {
                        throw Invalid("Scene", $"Scene {i} has the unknown key '{key}'; the keys are {string.Join(", ", SceneKeys)}.");
                    }
                    values[known] = PowerShellJson.Unwrap(entry.Value);
                }
                if (!values.TryGetValue("Name", out var name) || string.IsNullOrWhiteSpace(name as string))
                {
                    throw Invalid("Scene", $"Scene {i} needs a Name (a string).");
                }
                var node = new JsonObject { ["name"] = (string)name, ["type"] = "override_scene" };
                if (values.TryGetValue("Texts", out var texts) && texts != null)
                {
                    node["texts"] = StringArray(texts, $"Scene {i} Texts");
                }
                if (values.TryGetValue("Media", out var media) && media != null)
                {
                    var urls = StringArray(media, $"Scene {i} Media");
                    foreach (var url in urls)
                    {
                        CheckUrl(url.GetValue<string>(), $"Scene {i} Media");
                    }
                    node["media"] = urls;
                }
                if (values.TryGetValue("Transcript", out var transcript) && transcript != null)
                {
                    if (!(transcript is string text))
                    {
                        throw Invalid("Scene", $"Scene {i} Transcript must be a string.");
                    }
                    if (text.Length > MaxTranscript)
                    {
                        throw Invalid("Scene", $"Scene {i} Transcript has {text.Length} characters; Hour One takes at most {MaxTranscript}.");
                    }
                    node["transcript"] = text;
                }
                if (values.TryGetValue("VoiceRecordingUrl", out var recording) && recording != null)
                {
                    CheckUrl(recording as string, $"Scene {i} VoiceRecordingUrl");
                    node["voice_recording_url"] = (string)recording;
                }
                array.Add(node);
            }
            return array;
        }

        public static JsonObject Metadata(IDictionary metadata)
        {
            var node = new JsonObject();
            foreach (DictionaryEntry entry in metadata)
            {
                var key = entry.Key?.ToString();
                var value = PowerShellJson.Unwrap(entry.Value);
                switch (value)
                {
                    case string text: node[key] = text; break;
                    case bool flag: node[key] = flag; break;
                    case int n: node[key] = n; break;
                    case long n: node[key] = n; break;
                    case short n: node[key] = n; break;
                    case byte n: node[key] = n; break;
                    default:
                        throw Invalid("Metadata", $"The metadata value of '{key}' is {(value == null ? "null" : "a " + value.GetType().Name)}; Hour One takes strings, integers and booleans.");
                }
            }
            return node;
        }

        static JsonArray StringArray(object value, string what)
        {
            var items = value is string single ? new object[] { single } : value is IEnumerable many ? many.Cast<object>().Select(PowerShellJson.Unwrap).ToArray() : null;
            if (items == null || items.Any(v => !(v is string)))
            {
                throw Invalid("Scene", $"{what} must be strings.");
            }
            var array = new JsonArray();
            foreach (string item in items)
            {
                array.Add(item);
            }
            return array;
        }

        static void CheckUrl(string value, string what)
        {
            if (value == null || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw Invalid("Scene", $"{what} must be http(s) URLs.");
            }
        }
    }
}
