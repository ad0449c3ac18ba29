namespace AnimationTools.Emulator.Danim;

/// <summary>
/// One problem of template data: the <c>meta.type</c> it gives, the rule broken (<c>MissingInput</c>, <c>MaxLength</c>, …),
/// where (composition, input, repetition of a dynamic zone counted from 1), and a message a person can act on.
/// </summary>
public sealed record Violation(string Type, string Rule, string? Composition, string? Input, int? Repetition, string Message)
{
    internal Dictionary<string, object> ToWire()
    {
        var wire = new Dictionary<string, object> { ["type"] = Type, ["rule"] = Rule };
        if (Composition is not null) wire["composition"] = Composition;
        if (Input is not null) wire["input"] = Input;
        if (Repetition is not null) wire["repetition"] = Repetition;
        wire["message"] = Message;
        return wire;
    }
}

/// <summary>The outcome of checking template data: errors (the request fails) and warnings (informative rules, <c>meta.warnings</c>).</summary>
public sealed record ValidationReport(IReadOnlyList<Violation> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The files of file inputs, by input id and repetition (0 for a non-dynamic input).</summary>
    internal IReadOnlyDictionary<(string Input, int Repetition), StoredFile> Files { get; init; } = new Dictionary<(string, int), StoredFile>();

    /// <summary>The failure to answer: the first problem's type, and a message naming them all.</summary>
    internal DanimError ToError()
    {
        var message = Errors.Count == 1
            ? Errors[0].Message
            : $"{Errors.Count} problems in template_data: " + string.Join(" ", Errors.Select((e, i) => $"({i + 1}) {e.Message}"));
        return new DanimError(Errors[0].Type, message, Errors);
    }
}
