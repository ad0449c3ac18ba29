using System;

namespace AnimationTools.Core.Jobs
{
    /// <summary>
    /// Poll intervals like Azure's Operation&lt;T&gt; (1, 1, 1, 2, 4, 8, 16, 32 × base, then 32 × base), restarting
    /// from the short end whenever a job changed: fast while work moves, slow while it waits.
    /// </summary>
    public sealed class PollingSchedule
    {
        static readonly int[] Multipliers = { 1, 1, 1, 2, 4, 8, 16, 32 };
        int _quietPolls;

        public PollingSchedule(TimeSpan baseInterval)
        {
            BaseInterval = baseInterval;
        }

        public TimeSpan BaseInterval { get; set; }

        public TimeSpan Next(bool somethingChanged)
        {
            _quietPolls = somethingChanged ? 0 : _quietPolls + 1;
            var multiplier = Multipliers[Math.Min(_quietPolls, Multipliers.Length - 1)];
            return TimeSpan.FromTicks(BaseInterval.Ticks * multiplier);
        }

        public void Reset() => _quietPolls = 0;
    }
}
