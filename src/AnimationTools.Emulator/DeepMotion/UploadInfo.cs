namespace AnimationTools.Emulator.DeepMotion;

/// <summary>An upload as the control API reports it.</summary>
/// <param name="Url">The signed URL /upload (or getModelUploadUrl) returned.</param>
/// <param name="Size">Bytes held: all of a completed upload, or what arrived so far.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of those bytes.</param>
public sealed record UploadInfo(string Name, string Url, long Size, string Sha256, bool Complete, bool Resumable);
