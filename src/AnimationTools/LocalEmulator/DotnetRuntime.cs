using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AnimationTools.Core.Errors;

namespace AnimationTools.LocalEmulator
{
    /// <summary>Finds the <c>dotnet</c> host on PATH and checks that it has the shared framework the emulator runs on.</summary>
    internal static class DotnetRuntime
    {
        const string Framework = "Microsoft.AspNetCore.App";
        const int FrameworkMajor = 10;
        const string InstallHint = "install the ASP.NET Core Runtime 10.0 (https://dot.net) and make sure 'dotnet' is on PATH.";

        /// <summary>The full path of the dotnet host; an AnimationEmulator.RuntimeMissing error when it cannot run the emulator.</summary>
        public static string Require()
        {
            var host = FindOnPath();
            if (host == null)
            {
                throw Missing($"Start-AnimationEmulator needs the .NET runtime, and 'dotnet' is not on PATH: {InstallHint}");
            }
            if (!HasFramework(host))
            {
                throw Missing($"Start-AnimationEmulator needs the {Framework} {FrameworkMajor}.0 shared framework, which '{host}' does not have: {InstallHint}");
            }
            return host;
        }

        static AnimationToolsException Missing(string message) =>
            new AnimationToolsException(EmulatorErrors.RuntimeMissing, ErrorCategory.NotInstalled, message)
            {
                RecommendedAction = "Install the ASP.NET Core Runtime 10.0 from https://dot.net.",
            };

        static string FindOnPath()
        {
            var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder.Trim('"'), name))
                .FirstOrDefault(File.Exists);
        }

        /// <summary>Asks the host itself (<c>dotnet --list-runtimes</c>): it knows where its frameworks are, links and DOTNET_ROOT included.</summary>
        static bool HasFramework(string host)
        {
            var info = new ProcessStartInfo(host, "--list-runtimes")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                using (var process = Process.Start(info))
                {
                    var output = process.StandardOutput.ReadToEndAsync();
                    process.StandardError.ReadToEndAsync();
                    if (!process.WaitForExit(30000))
                    {
                        process.Kill();
                        return false;
                    }
                    var pattern = new Regex("^" + Regex.Escape(Framework) + " " + FrameworkMajor + @"\.", RegexOptions.Multiline);
                    return pattern.IsMatch(output.Result);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}
