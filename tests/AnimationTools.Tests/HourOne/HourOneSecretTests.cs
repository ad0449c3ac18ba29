using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.HourOne;

/// <summary>The API key never reaches a stream, an error, a formatted table, a ToString() or a serialized session.</summary>
public sealed class HourOneSecretTests : HourOneCmdletTestBase
{
    public HourOneSecretTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void The_key_never_appears_in_any_stream_error_table_or_serialization()
    {
        var connect = Shell.Run("$s = Connect-HourOne -ApiKey 'demo-api-key' -Endpoint $endpoint -PollIntervalSeconds 0.1 -PassThru -Verbose -Debug; $s");
        Emulator.AddFault(new FaultDefinition { Service = "hourone", Method = "GET", Path = "^/hourone/api/v1/videos/nope$", Kind = FaultKind.Status, Status = 500, Body = "{\"detail\":\"boom demo-api-key\"}" });
        var texts = new List<string> { connect.AllText() };
        foreach (var script in new[]
        {
            "New-HourOneVideo -SourceDraftId demo-draft -Destination ./v -Verbose -Debug | Wait-Job -Timeout 30 | Receive-Job -Verbose -Debug",
            "Get-HourOneVideo -Verbose -Debug | Out-String -Width 200",
            "Get-HourOneVideo -Id nope -Verbose -Debug",
            "Connect-HourOne -ApiKey 'wrong-api-key' -Endpoint $endpoint -Verbose -Debug",
            "$s | Format-List * | Out-String -Width 300",
            "$s | Format-Table | Out-String -Width 300",
            "$s.ToString()",
            "Get-AnimationSession | Out-String -Width 300",
            "[System.Management.Automation.PSSerializer]::Serialize($s, 5)",
            "$s | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue",
            "Get-Job | Format-List * | Out-String -Width 300",
            "$Error | Out-String -Width 300",
        })
        {
            var result = Shell.Run(script);
            texts.Add(result.AllText());
            texts.AddRange(result.Output.Select(o => o?.ToString() ?? ""));
        }
        var all = string.Join("\n", texts);
        Assert.Contains("api-key: ***", all);
        Assert.DoesNotContain("demo-api-key", all);
        Assert.DoesNotContain("wrong-api-key", all);
    }
}
