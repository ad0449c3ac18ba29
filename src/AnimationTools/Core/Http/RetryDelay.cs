using System;
using System.Net.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>Exponential back-off with jitter, capped, and never shorter than the server's Retry-After (itself capped at MaxRetryAfter).</summary>
    public static class RetryDelay
    {
        [ThreadStatic] static Random _random;

        public static TimeSpan For(int attemptNumber, RetrySettings settings, HttpResponseMessage response)
        {
            _random = _random ?? new Random(Guid.NewGuid().GetHashCode());
            var jitter = 0.8 + (_random.NextDouble() * 0.4);
            var backoffMs = settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber) * jitter;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(backoffMs, settings.MaxDelay.TotalMilliseconds));
            var retryAfter = RetryAfter(response);
            if (retryAfter > settings.MaxRetryAfter)
            {
                retryAfter = settings.MaxRetryAfter;
            }
            return retryAfter.HasValue && retryAfter.Value > backoff ? retryAfter.Value : backoff;
        }

        public static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response?.Headers.RetryAfter;
            if (header == null)
            {
                return null;
            }
            if (header.Delta.HasValue)
            {
                return header.Delta.Value;
            }
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }
    }
}
