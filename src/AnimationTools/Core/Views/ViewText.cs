using System;
using System.Globalization;

namespace AnimationTools.Core.Views
{
    /// <summary>
    /// What the table views of AnimationTools.Format.ps1xml show for sizes, durations, times and percentages: short text
    /// a person reads at a glance (30.6 KB, 1m 05s). The objects keep their raw numbers; only the views call this.
    /// </summary>
    public static class ViewText
    {
        static readonly string[] Units = { "B", "KB", "MB", "GB", "TB" };

        /// <summary>A byte count as 812 B, 30.6 KB, 4.2 MB (powers of 1024); empty for null or a negative value.</summary>
        public static string Size(object bytes)
        {
            var value = Number(bytes);
            if (value == null || value < 0)
            {
                return "";
            }
            var size = value.Value;
            var unit = 0;
            // 1023.96 KB would read 1024.0 KB: a value that rounds to 1024 takes the next unit.
            while (size >= 1023.95 && unit < Units.Length - 1)
            {
                size /= 1024;
                unit++;
            }
            return unit == 0
                ? size.ToString("0", CultureInfo.InvariantCulture) + " B"
                : size.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
        }

        /// <summary>A TimeSpan, or a number of seconds, as 2.5s, 1m 05s, 2h 03m; empty for null.</summary>
        public static string Duration(object value)
        {
            TimeSpan span;
            if (Unwrap(value) is TimeSpan given)
            {
                span = given;
            }
            else
            {
                var number = Number(value);
                if (number == null || double.IsNaN(number.Value) || double.IsInfinity(number.Value) || Math.Abs(number.Value) > TimeSpan.MaxValue.TotalSeconds / 2)
                {
                    return "";
                }
                span = TimeSpan.FromSeconds(number.Value);
            }
            var sign = span < TimeSpan.Zero ? "-" : "";
            span = span.Duration();
            if (span.TotalSeconds < 59.95)
            {
                var rounded = Math.Round(span.TotalSeconds, 1);
                return sign + rounded.ToString(rounded == Math.Floor(rounded) ? "0" : "0.0", CultureInfo.InvariantCulture) + "s";
            }
            var seconds = (long)Math.Round(span.TotalSeconds);
            if (seconds < 3600)
            {
                return sign + string.Format(CultureInfo.InvariantCulture, "{0}m {1:00}s", seconds / 60, seconds % 60);
            }
            var minutes = (long)Math.Round(span.TotalMinutes);
            return sign + string.Format(CultureInfo.InvariantCulture, "{0}h {1:00}m", minutes / 60, minutes % 60);
        }

        /// <summary>A point in time, in local time, as 2026-12-01 14:05 (16 characters); empty for null.</summary>
        public static string Time(object value)
        {
            switch (Unwrap(value))
            {
                case DateTime time:
                    return (time.Kind == DateTimeKind.Utc ? time.ToLocalTime() : time).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                case DateTimeOffset offset:
                    return offset.LocalDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                default:
                    return "";
            }
        }

        /// <summary>A percentage as 45%; empty for null or a negative value (unknown).</summary>
        public static string Percent(object value)
        {
            var number = Number(value);
            return number == null || number < 0 ? "" : Math.Round(number.Value).ToString("0", CultureInfo.InvariantCulture) + "%";
        }

        static object Unwrap(object value) => value is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : value;

        static double? Number(object value)
        {
            switch (Unwrap(value))
            {
                case null:
                    return null;
                case string _:
                    return null;
                case IConvertible convertible:
                    try
                    {
                        return convertible.ToDouble(CultureInfo.InvariantCulture);
                    }
                    catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
                    {
                        return null;
                    }
                default:
                    return null;
            }
        }
    }
}
