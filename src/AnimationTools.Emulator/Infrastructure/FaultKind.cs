namespace AnimationTools.Emulator.Infrastructure;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer the given status with <c>{"message":"injected"}</c> without running the handler.</summary>
    Status,

    /// <summary>Run the handler but abort the connection once <c>afterBytes</c> bytes of the request body were read.</summary>
    Drop,

    /// <summary>Wait <c>delayMs</c>, then run normally.</summary>
    Delay,

    /// <summary>Run the handler completely, then abort the connection instead of sending the response.</summary>
    LostResponse,
}
