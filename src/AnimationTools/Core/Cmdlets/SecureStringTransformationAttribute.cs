using System;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Cmdlets
{
    /// <summary>
    /// Lets a SecureString parameter also take a plain string (what users type, or read from a vault as text), and
    /// turns it into a read-only SecureString. PowerShell's own conversion error would print the value it could not
    /// convert, so any other type is refused with a message that names only the type.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case SecureString secure:
                    return secure;
                case string plain:
                    return ClientCredential.ToSecureString(plain);
                default:
                    throw new ArgumentTransformationMetadataException(
                        $"The value must be a SecureString or a string, not a {value.GetType().FullName}.");
            }
        }
    }
}
