using System;
using System.Management.Automation;
using System.Security;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Sessions
{
    /// <summary>
    /// Picks the credential a Connect-* cmdlet uses: -Credential, else -ClientId with -ClientSecret, else the
    /// service's environment variables (for runbooks).
    /// </summary>
    public static class CredentialResolver
    {
        public static ClientCredential Resolve(string service, PSCredential credential, string clientId, SecureString clientSecret, string environmentPrefix)
        {
            if (credential != null && credential != PSCredential.Empty)
            {
                return new ClientCredential(credential.UserName, credential.Password);
            }
            if (!string.IsNullOrEmpty(clientId) || clientSecret != null)
            {
                if (string.IsNullOrEmpty(clientId) || clientSecret == null || clientSecret.Length == 0)
                {
                    throw new AnimationToolsException(service + ".IncompleteCredential", ErrorCategory.InvalidArgument,
                        "Give both -ClientId and -ClientSecret, or use -Credential.");
                }
                return new ClientCredential(clientId, clientSecret);
            }

            var idVariable = environmentPrefix + "_CLIENT_ID";
            var secretVariable = environmentPrefix + "_CLIENT_SECRET";
            var idFromEnvironment = Environment.GetEnvironmentVariable(idVariable);
            var secretFromEnvironment = Environment.GetEnvironmentVariable(secretVariable);
            if (!string.IsNullOrEmpty(idFromEnvironment) && !string.IsNullOrEmpty(secretFromEnvironment))
            {
                return new ClientCredential(idFromEnvironment, ClientCredential.ToSecureString(secretFromEnvironment));
            }

            throw new AnimationToolsException(service + ".MissingCredential", ErrorCategory.InvalidArgument,
                $"No credential for {service}: give -Credential (user name = client id), -ClientId with -ClientSecret, or set {idVariable} and {secretVariable}.");
        }
    }
}
