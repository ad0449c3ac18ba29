using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>Gets templates with their specs parsed into objects: ratios, theme, compositions with inputs and rules, input ids.</summary>
    [Cmdlet(VerbsCommon.Get, "DanimTemplate", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Get-DanimTemplate.md")]
    [OutputType(typeof(DanimTemplate))]
    public sealed class GetDanimTemplate : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        // Named TemplateId so that a piped video binds its TemplateId, not its own Id; a template binds through the alias.
        [Alias("Id")]
        [ArgumentCompleter(typeof(DanimTemplateIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] TemplateId { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            foreach (var id in TemplateId)
            {
                try
                {
                    WriteObject(Run(token => session.Client.GetTemplateAsync(id, token)));
                }
                catch (AnimationToolsException ex)
                {
                    WriteFailure(ex, id);
                }
            }
        }
    }
}
