namespace AnimationTools.Emulator.DeepMotion;

/// <summary>How <c>GET /character/listModels</c> answers (§14 Q5: the seed and the vendor's demo client disagree).</summary>
public enum ListModelsShape
{
    /// <summary><c>{"list": [{"id": …}]}</c>: what DeepMotion's public demo client reads; the default.</summary>
    List,

    /// <summary><c>[{"Id": …}]</c>: the seed's sample.</summary>
    Array,
}
