using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Writes what a PowerShell user typed (hashtables, arrays, numbers, strings, switches, PSObjects) as JSON text,
    /// for APIs that take JSON inside a field. Keys keep their case; ordered dictionaries keep their order.
    /// </summary>
    public static class PowerShellJson
    {
        public static string Write(object value)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    WriteValue(writer, value, 0);
                }
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        /// <summary>The plain .NET value behind a PowerShell value (PSObject unwrapped, switches as bool).</summary>
        public static object Unwrap(object value)
        {
            while (value is PSObject wrapped)
            {
                value = wrapped.BaseObject;
            }
            return value is SwitchParameter switchValue ? switchValue.IsPresent : value;
        }

        static void WriteValue(Utf8JsonWriter writer, object value, int depth)
        {
            if (depth > 32)
            {
                throw new ArgumentException("The value is nested too deeply to be written as JSON.");
            }
            if (value is PSObject custom && custom.BaseObject is PSCustomObject)
            {
                writer.WriteStartObject();
                foreach (var property in custom.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
            }
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case char c:
                    writer.WriteStringValue(c.ToString());
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    break;
                case DateTime time:
                    writer.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset time:
                    writer.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ulong big:
                    writer.WriteNumberValue(big);
                    break;
                case float _: case double _:
                    var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(number) || double.IsInfinity(number))
                    {
                        throw new ArgumentException("NaN and infinity cannot be written as JSON.");
                    }
                    writer.WriteNumberValue(number);
                    break;
                case decimal money:
                    writer.WriteNumberValue(money);
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture));
                        WriteValue(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list)
                    {
                        WriteValue(writer, item, depth + 1);
                    }
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
