using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>The one serializer configuration of the emulator: camelCase, nulls omitted, enums as camelCase strings.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
