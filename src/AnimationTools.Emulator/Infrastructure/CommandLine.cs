using System.Globalization;

namespace AnimationTools.Emulator.Infrastructure;

/// <summary>Arguments of the emulator executable.</summary>
internal static class CommandLine
{
    public const string Usage =
        "usage: AnimationTools.Emulator [--urls http://127.0.0.1:5080] [--client <id>:<secret>]... [--job-seconds <n>] [--parent-pid <pid>]";

    /// <summary>The emulator's options and the process whose end also ends the emulator (none when not given).</summary>
    public static (EmulatorOptions Options, int? ParentProcessId) Parse(IReadOnlyList<string> args)
    {
        int? parentProcessId = null;
        var options = new EmulatorOptions { ListenUrl = "http://127.0.0.1:5080" };
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value() => inlineValue ?? (++i < args.Count ? args[i] : throw new ArgumentException($"{name} needs a value."));

            switch (name)
            {
                case "--urls":
                    // Kestrel's --urls accepts a ';' list; the emulator listens on one address.
                    options.ListenUrl = Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
                    break;
                case "--client":
                    var pair = Value();
                    var colon = pair.IndexOf(':');
                    if (colon <= 0 || colon == pair.Length - 1)
                    {
                        throw new ArgumentException($"--client expects <id>:<secret>, got '{pair}'.");
                    }

                    clients[pair[..colon]] = pair[(colon + 1)..];
                    break;
                case "--job-seconds":
                    if (!double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                    {
                        throw new ArgumentException("--job-seconds expects a non-negative number.");
                    }

                    options.JobDuration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--parent-pid":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
                    {
                        throw new ArgumentException("--parent-pid expects a process id.");
                    }

                    parentProcessId = pid;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (clients.Count > 0)
        {
            options.Clients = clients;
        }

        options.Validate();
        return (options, parentProcessId);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
