namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// A verified event about one piece of remote work. It is a hint to look, never the work's state: the session's
    /// job for <see cref="RemoteId"/> asks the service, and completes from that answer.
    /// </summary>
    public interface IJobEvent
    {
        /// <summary>The remote id the event is about (a DeepMotion rid ...); null when the event concerns no job.</summary>
        string RemoteId { get; }
    }
}
