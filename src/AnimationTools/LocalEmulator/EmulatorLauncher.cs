using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator
{
    /// <summary>
    /// Starts the bundled emulator (<c>dotnet AnimationTools.Emulator.dll --urls http://127.0.0.1:&lt;port&gt;</c>) as a
    /// child process that ends with this one, and reads the addresses it prints once it listens.
    /// </summary>
    internal sealed class EmulatorLauncher
    {
        const string AssemblyName = "AnimationTools.Emulator.dll";
        static readonly Regex AddressLine = new Regex(@"^([\w-]+):\s*(http://\S+)$");
        static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
        const int MaxErrorText = 64 * 1024;

        readonly string _emulatorFolder;

        /// <param name="emulatorFolder">The folder of the emulator's build output (<c>&lt;ModuleBase&gt;/bin/emulator</c>).</param>
        public EmulatorLauncher(string emulatorFolder)
        {
            _emulatorFolder = emulatorFolder;
        }

        public AnimationEmulator Start(int port, double jobSeconds, CancellationToken cancellationToken)
        {
            var assembly = Path.Combine(_emulatorFolder, AssemblyName);
            if (!File.Exists(assembly))
            {
                throw new AnimationToolsException(EmulatorErrors.FilesMissing, ErrorCategory.ObjectNotFound,
                    $"The emulator is not in the module: '{assembly}' does not exist (a build of the repository puts it there).");
            }
            var host = DotnetRuntime.Require();
            if (port != 0 && !IsPortFree(port))
            {
                throw PortInUse(port);
            }

            var arguments = new[]
            {
                assembly, "--urls", "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--job-seconds", jobSeconds.ToString("R", CultureInfo.InvariantCulture),
                "--parent-pid", Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture),
            };
            var info = new ProcessStartInfo(host, string.Join(" ", arguments.Select(QuoteArgument)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                WorkingDirectory = _emulatorFolder,
            };
            var lines = new BlockingCollection<string>();
            var errors = new StringBuilder();
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) =>
            {
                // After the addresses, the output is read only so that the emulator never blocks on a full pipe.
                lock (lines)
                {
                    if (lines.IsAddingCompleted)
                    {
                        return;
                    }
                    if (e.Data == null)
                    {
                        lines.CompleteAdding();
                    }
                    else
                    {
                        lines.Add(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (errors)
                {
                    if (e.Data != null && errors.Length < MaxErrorText)
                    {
                        errors.AppendLine(e.Data);
                    }
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var urls = ReadAddresses(lines, cancellationToken);
            lock (lines)
            {
                if (!lines.IsAddingCompleted)
                {
                    lines.CompleteAdding();
                }
            }
            if (urls == null)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
                process.WaitForExit(5000);
                string reason;
                lock (errors)
                {
                    reason = errors.ToString();
                }
                process.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                if (reason.IndexOf("address already in use", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    throw PortInUse(port);
                }
                var firstLine = reason.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
                throw new AnimationToolsException(EmulatorErrors.StartFailed, ErrorCategory.OpenError,
                    "The emulator did not start" + (firstLine != null ? ": " + firstLine : "."));
            }
            return new AnimationEmulator(process, urls);
        }

        /// <summary>The <c>name: url</c> lines up to <c>control:</c>, or null when the process ended or took too long.</summary>
        static Dictionary<string, string> ReadAddresses(BlockingCollection<string> lines, CancellationToken cancellationToken)
        {
            var urls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var deadline = DateTime.UtcNow + StartTimeout;
            while (!urls.ContainsKey("control"))
            {
                var left = deadline - DateTime.UtcNow;
                string line;
                try
                {
                    if (left <= TimeSpan.Zero || !lines.TryTake(out line, (int)Math.Ceiling(left.TotalMilliseconds), cancellationToken))
                    {
                        return null;
                    }
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return null; // the process closed its output
                }
                var match = AddressLine.Match(line.Trim());
                if (match.Success)
                {
                    urls[match.Groups[1].Value] = match.Groups[2].Value;
                }
            }
            return urls;
        }

        static bool IsPortFree(int port)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
            finally
            {
                listener.Stop();
            }
        }

        static AnimationToolsException PortInUse(int port) =>
            new AnimationToolsException(EmulatorErrors.PortInUse, ErrorCategory.ResourceUnavailable,
                $"Port {port} on 127.0.0.1 is already in use: pass -Port with a free port, or -Port 0 to pick one.")
            {
                RecommendedAction = "Use -Port 0.",
            };

        /// <summary>One argument as the .NET and Windows command-line parsers read it back (ProcessStartInfo.ArgumentList is not in netstandard2.0).</summary>
        internal static string QuoteArgument(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0)
            {
                return argument;
            }
            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                quoted.Append(c);
            }
            quoted.Append('\\', backslashes * 2).Append('"');
            return quoted.ToString();
        }
    }
}
