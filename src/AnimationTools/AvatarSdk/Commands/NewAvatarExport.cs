using System.Collections;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Http;

namespace AnimationTools.AvatarSdk.Commands
{
    /// <summary>Creates another export of a completed avatar (other formats, parts, textures) and returns it as a job.</summary>
    [Cmdlet(VerbsCommon.New, "AvatarExport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/New-AvatarExport.md")]
    [OutputType(typeof(AvatarExportJob))]
    public sealed class NewAvatarExport : AnimationCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Code")]
        [ValidateNotNullOrEmpty]
        [ValidateRemoteId]
        [ArgumentCompleter(typeof(AvatarCodeCompleter))]
        public string AvatarCode { get; set; }

        /// <summary>Export parameters, e.g. @{ format = 'fbx'; haircuts = @{ list = @('generated') } }.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public IDictionary ExportParameter { get; set; }

        [Parameter]
        public string ExportComment { get; set; }

        /// <summary>The avatar's pipeline, to check the export parameters before sending (read from the service when omitted).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AvatarPipelineCompleter))]
        public string Pipeline { get; set; }

        [Parameter]
        public AvatarSdkSession Session { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolveSession(Session, AvatarSdkSession.ServiceName, "Connect-AvatarSdk");
            if (Pipeline != null)
            {
                AvatarPipelines.CheckPipeline(Pipeline, null);
                AvatarPipelines.CheckExportParameters(ExportParameter, Pipeline);
            }
            if (ExportParameter.Count == 0)
            {
                throw AvatarPipelines.Invalid(nameof(ExportParameter), "Give at least one export parameter.");
            }
            var json = PowerShellJson.Write(ExportParameter);
            if (!ShouldProcess(AvatarCode, "Create an export of the avatar: " + json))
            {
                return;
            }
            var export = Run(async token =>
            {
                if (Pipeline == null)
                {
                    var avatar = await session.Client.GetAvatarAsync(AvatarCode, token).ConfigureAwait(false);
                    AvatarPipelines.CheckExportParameters(ExportParameter, avatar.Pipeline);
                }
                return await session.Client.CreateExportAsync(AvatarCode, json, ExportComment, token).ConfigureAwait(false);
            });
            var job = new AvatarExportJob(session, AvatarCode, export.Code, MyInvocation.Line?.Trim());
            JobRepository.Add(job);
            job.Follow();
            WriteObject(job);
        }
    }
}
