using System;
using System.Runtime.InteropServices;
using System.Security;

namespace AnimationTools.Core.Sessions
{
    /// <summary>A client id with its secret kept as a SecureString; the secret is revealed only to build a request.</summary>
    public sealed class ClientCredential
    {
        readonly SecureString _secret;

        public ClientCredential(string clientId, SecureString secret)
        {
            ClientId = clientId;
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        public string ClientId { get; }

        internal string RevealSecret()
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        public override string ToString() => ClientId + " (secret hidden)";

        internal static SecureString ToSecureString(string plain)
        {
            var secure = new SecureString();
            foreach (var c in plain)
            {
                secure.AppendChar(c);
            }
            secure.MakeReadOnly();
            return secure;
        }
    }
}
