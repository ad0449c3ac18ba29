using System.Collections.Generic;
using System.Management.Automation;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim
{
    /// <summary>What every Danim cmdlet shares: -Session, and the template-data check that Test-DanimTemplateData and New-DanimVideo run.</summary>
    public abstract class DanimCmdlet : AnimationCmdlet
    {
        /// <summary>The Danim session to use instead of the current one.</summary>
        [Parameter]
        public DanimSession Session { get; set; }

        protected DanimSession ResolvedSession => ResolveSession(Session, DanimSession.ServiceName, "Connect-Danim");

        /// <summary>Writes every problem (errors for enforced rules, warnings for informative ones); true when none is an error.</summary>
        protected bool ReportProblems(IEnumerable<TemplateDataProblem> problems)
        {
            var valid = true;
            foreach (var problem in problems)
            {
                if (problem.IsError)
                {
                    valid = false;
                    WriteError(problem.ToException().ToErrorRecord());
                }
                else
                {
                    WriteWarning(problem.Message);
                }
            }
            return valid;
        }

        protected void WriteFailure(AnimationToolsException ex, object target)
        {
            ex.Target = ex.Target ?? target;
            WriteError(ex.ToErrorRecord());
        }
    }
}
