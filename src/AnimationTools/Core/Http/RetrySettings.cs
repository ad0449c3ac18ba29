using System;

namespace AnimationTools.Core.Http
{
    /// <summary>Retry and timeout settings of one session (defaults follow Azure.Core's RetryOptions).</summary>
    public sealed class RetrySettings
    {
        /// <summary>Retries after the first attempt.</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>First back-off delay; each retry doubles it, with jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.8);

        /// <summary>Longest back-off delay (a server's Retry-After may still ask for longer, and is honoured).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Time limit of one attempt of one API request (for a download: until its headers arrive).</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// Longest time a download's body may send no byte at all; a stall is then a broken connection, resumed from the
        /// bytes received (a download may last as long as it keeps receiving). Zero turns the limit off.
        /// </summary>
        public TimeSpan BodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Longest wait a server's Retry-After may ask for. When it asks for longer, the request is not retried: it
        /// fails at once, and the error says how long the server asked to wait.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

        public override string ToString() => $"{MaxRetries} retries, {BaseDelay.TotalSeconds:0.###} s base, {MaxDelay.TotalSeconds:0.###} s cap, {RequestTimeout.TotalSeconds:0.###} s timeout";
    }
}
