using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Usage: dotnet run --project src/AnimationTools.Host -- <script.ps1> [arguments...]
// Runs the script in the PowerShell engine hosted in this process (Core cmdlets only) and prints its streams.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: pwsh-lite <script.ps1> [arguments...]");
    return 2;
}

var state = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(state);
runspace.Open();
runspace.SessionStateProxy.Path.SetLocation(Environment.CurrentDirectory);

using var shell = PowerShell.Create();
shell.Runspace = runspace;
shell.AddCommand(Path.GetFullPath(args[0]));
foreach (var argument in args.Skip(1))
{
    shell.AddArgument(argument);
}


shell.Streams.Error.DataAdded += (_, e) => Console.Error.WriteLine("ERROR: " + shell.Streams.Error[e.Index]);
shell.Streams.Warning.DataAdded += (_, e) => Console.Error.WriteLine("WARNING: " + shell.Streams.Warning[e.Index].Message);
shell.Streams.Verbose.DataAdded += (_, e) => Console.Error.WriteLine("VERBOSE: " + shell.Streams.Verbose[e.Index].Message);
shell.Streams.Information.DataAdded += (_, e) => Console.WriteLine(shell.Streams.Information[e.Index].MessageData);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; shell.BeginStop(null, null); };

var output = new PSDataCollection<PSObject>();
output.DataAdded += (_, e) => Console.WriteLine(output[e.Index]);
try
{
    shell.Invoke(null, output);
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine("ERROR: " + ex.ErrorRecord);
    return 1;
}
return shell.HadErrors ? 1 : 0;
