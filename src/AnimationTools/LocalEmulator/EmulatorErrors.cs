namespace AnimationTools.LocalEmulator
{
    /// <summary>Error ids of the emulator cmdlets (documented on their help pages).</summary>
    internal static class EmulatorErrors
    {
        /// <summary>No <c>dotnet</c> on PATH, or it has no ASP.NET Core 10 shared framework.</summary>
        public const string RuntimeMissing = "AnimationEmulator.RuntimeMissing";

        /// <summary>The emulator's files are not in the module (<c>bin/emulator</c>).</summary>
        public const string FilesMissing = "AnimationEmulator.FilesMissing";

        /// <summary>The port asked for is taken.</summary>
        public const string PortInUse = "AnimationEmulator.PortInUse";

        /// <summary>The process ended, or printed no addresses in time, before it listened.</summary>
        public const string StartFailed = "AnimationEmulator.StartFailed";

        /// <summary>No emulator was started in this process (or the last one was stopped) and none was passed.</summary>
        public const string NotStarted = "AnimationEmulator.NotStarted";

        /// <summary>The emulator's process has ended or its control API does not answer.</summary>
        public const string NotRunning = "AnimationEmulator.NotRunning";

        /// <summary>The control API refused a request (an invalid fault definition ...).</summary>
        public const string ControlRefused = "AnimationEmulator.ControlRefused";
    }
}
