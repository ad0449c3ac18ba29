namespace AnimationTools.Emulator.Danim;

/// <summary>A failure answered as <c>{"success": false, "message", "meta": {"type"}}</c> (HTTP 200 unless <see cref="Status"/> says otherwise).</summary>
internal sealed class DanimError(string type, string message, IReadOnlyList<Violation>? violations = null, int status = StatusCodes.Status200OK)
    : Exception(message)
{
    public string Type { get; } = type;

    /// <summary>Every template-data problem, when the failure is a validation of template data.</summary>
    public IReadOnlyList<Violation>? Violations { get; } = violations;

    public int Status { get; } = status;

    public IResult ToResult() => Envelope.Failure(Type, Message, Violations, Status);
}
