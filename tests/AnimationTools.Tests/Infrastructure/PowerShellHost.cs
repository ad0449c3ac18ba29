using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AnimationTools.Tests.Infrastructure;

/// <summary>Everything one script run wrote, stream by stream.</summary>
public sealed class ScriptResult
{
    public required Collection<PSObject> Output { get; init; }
    public required List<ErrorRecord> Errors { get; init; }
    public required List<string> Verbose { get; init; }
    public required List<string> Debug { get; init; }
    public required List<string> Warnings { get; init; }
    public required List<ProgressRecord> Progress { get; init; }

    /// <summary>All text any stream carried, for leak checks.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
        foreach (var o in Output)
        {
            if (o == null) continue;
            foreach (var property in o.Properties)
            {
                try { parts.Add(property.Name + "=" + property.Value); } catch { }
            }
        }
        parts.AddRange(Errors.Select(e => e.ToString() + " " + e.Exception + " " + e.ErrorDetails?.Message + " " + e.FullyQualifiedErrorId));
        parts.AddRange(Verbose);
        parts.AddRange(Debug);
        parts.AddRange(Warnings);
        parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription));
        return string.Join("\n", parts);
    }
}

/// <summary>
/// The PowerShell 7.6 engine hosted in-process with the built module imported from the repository root: tests run
/// real pipelines as a user would type them.
/// </summary>
public sealed class PowerShellHost : IDisposable
{
    readonly Runspace _runspace;

    public PowerShellHost(bool importModule = true)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        _runspace.SessionStateProxy.Path.SetLocation(RepoPaths.Root);
        if (importModule)
        {
            Run($"Import-Module '{RepoPaths.Manifest}' -ErrorAction Stop").ThrowOnError();
        }
    }

    public Runspace Runspace => _runspace;

    public void SetVariable(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public object GetVariable(string name) => _runspace.SessionStateProxy.GetVariable(name);

    public ScriptResult Run(string script, IDictionary<string, object> variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
        {
            foreach (var pair in variables)
            {
                SetVariable(pair.Key, pair.Value);
            }
        }
        ps.AddScript(script);
        Collection<PSObject> output;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            // A terminating error: report it as an error record like the host would show it.
            return Collect(ps, new Collection<PSObject>(), ex.ErrorRecord);
        }
        return Collect(ps, output, null);
    }

    /// <summary>Starts a script without waiting, for tests that stop it (Ctrl+C is PowerShell.Stop()).</summary>
    public (PowerShell Shell, IAsyncResult Handle) Begin(string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return (ps, ps.BeginInvoke());
    }

    static ScriptResult Collect(PowerShell ps, Collection<PSObject> output, ErrorRecord terminating)
    {
        var errors = ps.Streams.Error.ToList();
        if (terminating != null)
        {
            errors.Add(terminating);
        }
        return new ScriptResult
        {
            Output = output,
            Errors = errors,
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(v => v.Message).ToList(),
            Warnings = ps.Streams.Warning.Select(v => v.Message).ToList(),
            Progress = ps.Streams.Progress.ToList(),
        };
    }

    public void Dispose() => _runspace.Dispose();
}

public static class ScriptResultExtensions
{
    public static ScriptResult ThrowOnError(this ScriptResult result)
    {
        if (result.Errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Script failed: " + string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        }
        return result;
    }
}
