using System.IO;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using AnimationTools.Core.Errors;
using Flurl.Http.Configuration;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// The serializer settings every service client shares, for Flurl's JSON bodies and answers. Answers are checked as
    /// they are read: a field a client cannot do without carries <c>[JsonRequired]</c> in its wire model, so an answer
    /// without it (<c>{"foo": 1}</c> for a credit balance), of the wrong type, empty, <c>null</c> or not JSON at all is a
    /// <c>Service.InvalidResponse</c> (through Flurl's parsing error and <see cref="FailureMapping"/>), never a default
    /// value shown as if the service had said it.
    /// </summary>
    public static class Json
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };

        /// <summary>Flurl's serializer with <see cref="Options"/>; an empty or <c>null</c> answer is unreadable, not a null object.</summary>
        public static readonly ISerializer Serializer = new StrictSerializer();

        /// <summary>Parses a body read as text; a body that is not the expected JSON becomes a typed InvalidResponse error.</summary>
        public static T Deserialize<T>(string body, string service, string what)
        {
            try
            {
                return Serializer.Deserialize<T>(body);
            }
            catch (JsonException ex)
            {
                throw new AnimationToolsException(service + ".InvalidResponse", ErrorCategory.InvalidResult,
                    $"{service} sent an unreadable answer to {what}: {ex.Message}", ex);
            }
        }

        sealed class StrictSerializer : ISerializer
        {
            public string Serialize(object obj) => JsonSerializer.Serialize(obj, obj?.GetType() ?? typeof(object), Options);

            public T Deserialize<T>(string s) => NotNull(string.IsNullOrWhiteSpace(s) ? default : JsonSerializer.Deserialize<T>(s, Options));

            public T Deserialize<T>(Stream stream) => NotNull(stream.CanSeek && stream.Length == 0 ? default : JsonSerializer.Deserialize<T>(stream, Options));

            static T NotNull<T>(T value) => value == null ? throw new JsonException("empty body") : value;
        }
    }
}
