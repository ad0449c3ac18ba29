namespace AnimationTools.Emulator.DeepMotion;

/// <summary>One downloadable output of a job.</summary>
/// <param name="FileName">Name in the download URL.</param>
/// <param name="Format">File type key in <c>/download</c>, e.g. <c>bvh</c>.</param>
/// <param name="ItemName">Downloadable item the file is listed under.</param>
internal sealed record ResultFile(string FileName, string Format, string ItemName, string ContentType, byte[] Content);
