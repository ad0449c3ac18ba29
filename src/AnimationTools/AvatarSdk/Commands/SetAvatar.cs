using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Changes the name or description of avatars (PATCH /avatars/{code}/).</summary>
    [Cmdlet(VerbsCommon.Set, "Avatar", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Set-Avatar.md")]
    [OutputType(typeof(Avatar))]
    public sealed class SetAvatar : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("AvatarCode")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AvatarCodeCompleter))]
        public string[] Code { get; set; }

        [Parameter]
        public string Name { get; set; }

        [Parameter]
        public string Description { get; set; }

        /// <summary>Writes the changed avatars.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void BeginProcessing()
        {
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(Name)) && !MyInvocation.BoundParameters.ContainsKey(nameof(Description)))
            {
                ThrowFailure(AvatarPipelines.Invalid("Name", "Give -Name, -Description or both."));
            }
        }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            foreach (var code in Code)
            {
                if (!ShouldProcess(code, "Change the avatar's name or description"))
                {
                    continue;
                }
                try
                {
                    var changed = Run(token => session.Client.EditAvatarAsync(code, Name, Description, token));
                    if (PassThru)
                    {
                        WriteObject(AvatarSdkModels.ToAvatar(changed));
                    }
                }
                catch (AnimationToolsException ex)
                {
                    ex.Target = ex.Target ?? code;
                    WriteError(ex.ToErrorRecord());
                }
            }
        }
    }
}
