using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Security;

namespace AnimationTools.LocalEmulator
{
    /// <summary>
    /// A running emulator started by Start-AnimationEmulator: the endpoint of every service, ready for the Connect-*
    /// cmdlets, the control API, and the credentials it accepts.
    /// </summary>
    public sealed class AnimationEmulator
    {
        /// <summary>Client id and secret the emulator accepts for DeepMotion, Avatar SDK, Teleport and Danim.</summary>
        internal const string DefaultClientId = "demo";
        internal const string DefaultClientSecret = "demo-secret";
        internal const string DefaultHourOneApiKey = "demo-api-key";

        readonly Process _process;

        internal AnimationEmulator(Process process, IReadOnlyDictionary<string, string> urls)
        {
            _process = process;
            ProcessId = process.Id;
            Control = urls["control"];
            var control = new Uri(Control);
            Port = control.Port;
            BaseUrl = control.GetLeftPart(UriPartial.Authority);
            DeepMotion = urls["deepmotion"];
            AvatarSdk = urls["avatarsdk"];
            HourOne = urls["hourone"] + "/api/v1";
            Teleport = urls["teleport"];
            TeleportTokenEndpoint = urls["teleport-signin"] + "/oauth2/token";
            Danim = urls["danim"];
            StartedAt = DateTime.Now;
            Credential = new PSCredential(DefaultClientId, ToSecureString(DefaultClientSecret));
            HourOneApiKey = ToSecureString(DefaultHourOneApiKey);
        }

        /// <summary>Id of the emulator's process (a dotnet process running AnimationTools.Emulator.dll).</summary>
        public int ProcessId { get; }

        /// <summary>The loopback port it listens on.</summary>
        public int Port { get; }

        /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
        public string BaseUrl { get; }

        /// <summary>For Connect-DeepMotion -Endpoint.</summary>
        public string DeepMotion { get; }

        /// <summary>For Connect-AvatarSdk -Endpoint.</summary>
        public string AvatarSdk { get; }

        /// <summary>For Connect-HourOne -Endpoint (the API root, <c>…/hourone/api/v1</c>).</summary>
        public string HourOne { get; }

        /// <summary>For Connect-Teleport -Endpoint.</summary>
        public string Teleport { get; }

        /// <summary>For Connect-Teleport -TokenEndpoint (the emulated sign-in service).</summary>
        public string TeleportTokenEndpoint { get; }

        /// <summary>For Connect-Danim -Endpoint.</summary>
        public string Danim { get; }

        /// <summary>Base URL of the control API (<c>…/_emulator</c>), documented in docs/emulator.md.</summary>
        public string Control { get; }

        /// <summary>The client credentials the emulator accepts (demo / demo-secret), for -Credential of Connect-DeepMotion, Connect-AvatarSdk, Connect-Teleport and Connect-Danim.</summary>
        public PSCredential Credential { get; }

        /// <summary>The Hour One API key the emulator accepts, for Connect-HourOne -ApiKey.</summary>
        public SecureString HourOneApiKey { get; }

        public DateTime StartedAt { get; }

        /// <summary>True once the emulator's process has ended.</summary>
        public bool HasExited
        {
            get
            {
                try
                {
                    return _process.HasExited;
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }

        public override string ToString() => BaseUrl;

        /// <summary>Ends the process and waits for it; false when it did not end within the timeout.</summary>
        internal bool Stop(TimeSpan timeout)
        {
            if (HasExited)
            {
                return true;
            }
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                return true;
            }
            return _process.WaitForExit((int)timeout.TotalMilliseconds);
        }

        static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }
            secure.MakeReadOnly();
            return secure;
        }
    }
}
