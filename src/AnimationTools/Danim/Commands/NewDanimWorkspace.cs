using System;
using System.IO;
using System.Management.Automation;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;

namespace AnimationTools.Danim.Commands
{
    /// <summary>
    /// Creates a workspace (/write/workspace/create). -Logo takes a file (Get-Item or a path to an existing file,
    /// sent as a multipart binary), a [uri] (sent as file+https://) or a preloaded file id.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DanimWorkspace", SupportsShouldProcess = true, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-DanimWorkspace.md")]
    [OutputType(typeof(DanimWorkspace))]
    public sealed class NewDanimWorkspace : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter]
        public string Description { get; set; }

        [Parameter]
        public object Logo { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            string logoPath = null, logoValue = null;
            try
            {
                switch (PowerShellJson.Unwrap(Logo))
                {
                    case null:
                        break;
                    case FileInfo file:
                        logoPath = DanimFiles.Check(file.FullName, nameof(Logo));
                        break;
                    case Uri uri:
                        logoValue = "file+" + uri.AbsoluteUri;
                        break;
                    case string text:
                        logoValue = text;
                        break;
                    default:
                        throw new AnimationToolsException(DanimErrorIds.InvalidLogo, ErrorCategory.InvalidArgument,
                            "-Logo takes Get-Item of an image, a [uri], or a preloaded file id (Send-DanimFile).", null, Logo);
                }
            }
            catch (AnimationToolsException ex)
            {
                ThrowFailure(ex);
            }
            if (!ShouldProcess(Name, "Create a Danim workspace"))
            {
                return;
            }
            try
            {
                WriteObject(Run(token => session.Client.CreateWorkspaceAsync(Name, Description, logoPath, logoValue, token)));
            }
            catch (AnimationToolsException ex)
            {
                WriteFailure(ex, Name);
            }
        }
    }
}
