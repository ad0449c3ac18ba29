using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using AnimationTools.Core.Errors;

namespace AnimationTools.Danim.Commands
{
    /// <summary>
    /// Runs any GraphQL read at /read and writes its <c>data</c> as objects; each GraphQL error becomes an error record
    /// (Danim.GraphQL.&lt;code&gt;, or Danim.VideoNotFound/TemplateNotFound).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DanimQuery", HelpUri = "https://github.com/animationtools/AnimationTools/blob/main/docs/Invoke-DanimQuery.md")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeDanimQuery : DanimCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Query { get; set; }

        [Parameter(Position = 1)]
        public Hashtable Variables { get; set; }

        [Parameter]
        public string OperationName { get; set; }

        protected override void ProcessItem()
        {
            var session = ResolvedSession;
            JsonElement answer;
            try
            {
                answer = Run(token => session.Client.ReadAsync(Query, Variables, OperationName, token));
            }
            catch (AnimationToolsException ex)
            {
                WriteFailure(ex, OperationName);
                return;
            }
            foreach (var error in DanimClient.Errors(answer))
            {
                WriteError(error.ToErrorRecord());
            }
            if (answer.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
            {
                WriteObject(ToPowerShell(data));
            }
        }

        static object ToPowerShell(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var o = new PSObject();
                    foreach (var p in e.EnumerateObject())
                    {
                        o.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    }
                    return o;
                case JsonValueKind.Array:
                    var list = new System.Collections.Generic.List<object>();
                    foreach (var item in e.EnumerateArray()) list.Add(ToPowerShell(item));
                    return list.ToArray();
                case JsonValueKind.String:
                    return e.GetString();
                case JsonValueKind.Number:
                    return e.TryGetInt64(out var l) ? (object)l : e.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
