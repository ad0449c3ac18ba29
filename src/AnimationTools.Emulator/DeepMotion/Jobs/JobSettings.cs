namespace AnimationTools.Emulator.DeepMotion;

/// <summary>What a job was asked to produce, from its validated <c>params</c>.</summary>
/// <param name="Params">Every param by canonical name (aliases resolved), as sent.</param>
/// <param name="Trim">Seconds of input to use, when trimmed.</param>
internal sealed record JobSettings(
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyList<string> Formats,
    string ModelId,
    bool PhysicsFilter,
    (double From, double To)? Trim);
