namespace AnimationTools.Emulator.Infrastructure;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer the given status (with <c>body</c>, or <c>{"message":"injected"}</c>) without running the handler.</summary>
    Status,

    /// <summary>Run the handler but abort the connection once <c>afterBytes</c> bytes of the request body were read.</summary>
    Drop,

    /// <summary>Wait <c>delayMs</c>, then run normally.</summary>
    Delay,

    /// <summary>Run the handler completely, then abort the connection instead of sending the response.</summary>
    LostResponse,

    /// <summary>Run the handler completely, discard its answer and send the given status (and body) instead.</summary>
    ReplaceStatus,

    /// <summary>Run the handler, then send its status with another body: the given <c>body</c>, or its JSON changed by <c>patch</c>.</summary>
    ReplaceBody,

    /// <summary>Run the handler, send its headers and the first <c>afterBytes</c> bytes of its body, then abort the connection.</summary>
    CutBody,

    /// <summary>Run the handler, send its headers and the first <c>afterBytes</c> bytes of its body, wait <c>delayMs</c>, send the rest.</summary>
    StallBody,

    /// <summary>Run the handler, then hold its whole answer (headers included) for <c>delayMs</c> before sending it.</summary>
    DelayHeaders,
}
