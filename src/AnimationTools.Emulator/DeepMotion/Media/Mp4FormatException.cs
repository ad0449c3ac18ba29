namespace AnimationTools.Emulator.DeepMotion;

/// <summary>The bytes are not an MP4 file the header reader understands.</summary>
internal sealed class Mp4FormatException(string message) : Exception(message);
