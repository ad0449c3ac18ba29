using System;

namespace AnimationTools.LocalEmulator
{
    /// <summary>The services the emulator serves, as -Service of the emulator cmdlets names them.</summary>
    public enum EmulatedService
    {
        DeepMotion,
        AvatarSdk,
        HourOne,
        Teleport,
        TeleportSignin,
        Danim,
    }

    internal static class EmulatedServiceNames
    {
        /// <summary>The service's first path segment in the emulator (<c>deepmotion</c>, <c>teleport-signin</c> ...).</summary>
        public static string Segment(this EmulatedService service) =>
            service == EmulatedService.TeleportSignin ? "teleport-signin" : service.ToString().ToLowerInvariant();

        public static EmulatedService? FromSegment(string segment)
        {
            foreach (EmulatedService service in Enum.GetValues(typeof(EmulatedService)))
            {
                if (string.Equals(service.Segment(), segment, StringComparison.OrdinalIgnoreCase))
                {
                    return service;
                }
            }
            return null;
        }
    }
}
