using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>The serializer settings every service client shares.</summary>
    public static class Json
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };

        public static HttpContent Content(object value)
        {
            return new StringContent(JsonSerializer.Serialize(value, value.GetType(), Options), Encoding.UTF8, "application/json");
        }

        /// <summary>Parses a response body; a body that is not the expected JSON becomes a typed InvalidResult error.</summary>
        public static T Deserialize<T>(string body, string service, string what)
        {
            try
            {
                var value = JsonSerializer.Deserialize<T>(body, Options);
                if (value == null)
                {
                    throw new JsonException("empty body");
                }
                return value;
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException(service + ".InvalidResponse", ErrorCategory.InvalidResult,
                    $"{service} sent an unreadable answer to {what}: {ex.Message}", ex);
            }
        }
    }
}
