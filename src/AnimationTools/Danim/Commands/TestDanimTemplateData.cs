using System.Collections;
using System.Management.Automation;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>
    /// Checks template data against the template's specs and the rules of contract §8.3, sending nothing but the
    /// template read: $true when valid; else $false and one error per problem (Danim.TemplateData.&lt;Rule&gt;, the
    /// input id as target). Informative rules (no strict_check) are warnings.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DanimTemplateData", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Test-DanimTemplateData.md")]
    [OutputType(typeof(bool))]
    public sealed class TestDanimTemplateData : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DanimTemplateIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string TemplateId { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyCollection]
        public IDictionary TemplateData { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            DanimTemplate template;
            try
            {
                template = Run(token => session.Client.GetTemplateAsync(TemplateId, token));
            }
            catch (AnimationToolsException ex)
            {
                WriteFailure(ex, TemplateId);
                return;
            }
            WriteObject(ReportProblems(TemplateDataValidator.Check(template, TemplateData)));
        }
    }
}
