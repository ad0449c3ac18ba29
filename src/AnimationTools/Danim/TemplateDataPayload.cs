using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Http;

namespace AnimationTools.Danim
{
    /// <summary>
    /// Template data as sent (contract §8.1): a file on disk (Get-Item) is preloaded with /upload/me and sent as its id,
    /// a [uri] becomes a <c>file+https://</c> URL, and every other value goes as it is (text, numbers, booleans, a
    /// preloaded id, lists for dynamic zones).
    /// </summary>
    static class TemplateDataPayload
    {
        public static bool HasFiles(IDictionary data) => data.Values.Cast<object>().Select(PowerShellJson.Unwrap).Any(v => v is FileInfo || (v is IList l && !(v is string) && l.Cast<object>().Select(PowerShellJson.Unwrap).Any(i => i is FileInfo)));

        public static async Task<JsonObject> BuildAsync(DanimClient client, IDictionary data, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in data)
            {
                var key = Convert.ToString(PowerShellJson.Unwrap(entry.Key), CultureInfo.InvariantCulture);
                var value = PowerShellJson.Unwrap(entry.Value);
                if (value is IList list && !(value is string))
                {
                    var items = new List<object>();
                    foreach (var item in list)
                    {
                        items.Add(await ConvertAsync(client, PowerShellJson.Unwrap(item), cancellationToken).ConfigureAwait(false));
                    }
                    result[key] = items;
                }
                else
                {
                    result[key] = await ConvertAsync(client, value, cancellationToken).ConfigureAwait(false);
                }
            }
            return (JsonObject)JsonNode.Parse(PowerShellJson.Write(result));
        }

        static async Task<object> ConvertAsync(DanimClient client, object value, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case FileInfo file:
                    var uploaded = await client.UploadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
                    OperationStreams.Current.Verbose($"Danim: {file.Name} preloaded as {uploaded.Id}.");
                    return uploaded.Id;
                case Uri uri:
                    return "file+" + uri.AbsoluteUri;
                default:
                    return value;
            }
        }
    }
}
