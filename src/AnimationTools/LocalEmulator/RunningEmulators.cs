using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator
{
    /// <summary>
    /// The emulators this process started, so that the emulator cmdlets default to the last one and none survives the
    /// process. (The emulator also watches its parent's process id, which covers a process that is killed.)
    /// </summary>
    internal static class RunningEmulators
    {
        static readonly object Gate = new object();
        static readonly List<AnimationEmulator> Started = new List<AnimationEmulator>();
        static bool _exitHooked;

        public static void Add(AnimationEmulator emulator)
        {
            lock (Gate)
            {
                Started.Add(emulator);
                if (!_exitHooked)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, __) => StopAll();
                    _exitHooked = true;
                }
            }
        }

        public static void Remove(AnimationEmulator emulator)
        {
            lock (Gate)
            {
                Started.Remove(emulator);
            }
        }

        /// <summary>The emulator given, else the last one started; an AnimationEmulator.NotStarted error when there is none.</summary>
        public static AnimationEmulator Resolve(AnimationEmulator given)
        {
            return given ?? Last() ?? throw new AnimationToolsException(EmulatorErrors.NotStarted, ErrorCategory.ResourceUnavailable,
                "No emulator is running in this session: run Start-AnimationEmulator first, or pass -Emulator.")
            {
                RecommendedAction = "Run Start-AnimationEmulator.",
            };
        }

        /// <summary>The emulator started last that still runs, or null.</summary>
        public static AnimationEmulator Last()
        {
            lock (Gate)
            {
                return Started.LastOrDefault(e => !e.HasExited);
            }
        }

        static void StopAll()
        {
            AnimationEmulator[] all;
            lock (Gate)
            {
                all = Started.ToArray();
            }
            foreach (var emulator in all)
            {
                emulator.Stop(TimeSpan.FromSeconds(2));
            }
        }
    }
}
