using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Danim;

/// <summary>Test-DanimTemplateData and New-DanimVideo's check: the module's own implementation of contract §8.3.</summary>
public sealed class DanimTemplateDataModuleTests(EmulatorFixture emulator) : DanimModuleTestBase(emulator)
{
    static List<(string Rule, string Target)> Problems(ScriptResult result) =>
        result.Errors.Select(e => (e.FullyQualifiedErrorId.Split(',')[0].Replace("Danim.TemplateData.", ""), e.TargetObject?.ToString())).ToList();

    [Fact]
    public void The_seed_examples_of_section_8_4_give_the_outcomes_the_spec_states()
    {
        Connect();
        var valid = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ title = 'A great movie'; duration = 112; score = 4.8; poster = 'my-file-id' }");
        Assert.Empty(valid.Errors);
        Assert.True((bool)valid.Output.Single().BaseObject);

        var onlyRequired = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ score = 4.8 }");
        Assert.Empty(onlyRequired.Errors);
        Assert.True((bool)onlyRequired.Output.Single().BaseObject);

        var missing = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ duration = 112; poster = 'my-file-id' }");
        Assert.False((bool)missing.Output.Single().BaseObject);
        Assert.Equal([("MissingInput", "title"), ("MissingInput", "score")], Problems(missing));
        Assert.All(missing.Errors, e => Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.CategoryInfo.Category));

        var strict = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ title = 'A great movie'; duration = 20.54; score = -2; poster = 'my-file-id' }");
        Assert.False((bool)strict.Output.Single().BaseObject);
        Assert.Equal([("IsInt", "duration"), ("MinNumericValue", "score")], Problems(strict));
        Assert.Contains("whole number", strict.Errors[0].Exception.Message);

        // Only the template was read: a check never writes.
        Assert.Empty(Writes());
    }

    [Fact]
    public void Data_breaking_every_rule_reports_each_violation_in_one_call_and_sends_nothing()
    {
        Connect();
        Emulator.Server.State.Requests.Clear();
        var result = Shell.Run("""
            $data = @{
                theme = @{ variant = 'Main theme' }; colour = 'red'
                headline = 'This headline is far too long'; tagline = 'far too long a tagline'; published = 'maybe'
                year = 1850.5; rating = 11; runtime = 'long'; genre = 'horror'
                quote = "a line that is long`nsecond`nthird"
                'slide-title' = 'a', 'b', 'c', 'd'
                clip = Get-Item ./me.jpg
            }
            New-DanimVideo -TemplateId $everyRule -TemplateData $data -Name 'Never sent'
            Test-DanimTemplateData -TemplateId $everyRule -TemplateData $data
            """);
        var problems = Problems(result).Where(p => p.Rule != "Invalid").ToList();
        var expected = new List<(string, string)>
        {
            ("ExpertMode", "theme"), ("MaxLength", "headline"), ("MissingInput", "subhead"), ("Boolean", "published"),
            ("IsInt", "year"), ("MinNumericValue", "year"), ("MaxNumericValue", "rating"), ("Number", "runtime"), ("Values", "genre"),
            ("MaxParagraphLines", "quote"), ("MaxParagraphLineLength", "quote"), ("DynamicZoneQuantity", "04-slides"),
            ("MissingInput", "cover"), ("FileType", "clip"), ("MissingComposition", "06-outro"),
        };
        // New-DanimVideo and Test-DanimTemplateData report the same problems.
        Assert.Equal(expected.Concat(expected).OrderBy(p => p).ToList(), problems.OrderBy(p => p).ToList());
        Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("Danim.TemplateData.Invalid", StringComparison.Ordinal));
        Assert.False((bool)result.Output.Single().BaseObject);
        // Informative rules are warnings: tagline's max_length is not strict, colour is no input.
        Assert.Contains(result.Warnings, w => w.Contains("'tagline'"));
        Assert.Contains(result.Warnings, w => w.Contains("'colour'") && w.Contains("ignores"));
        // The request log proves it: template reads only, no upload, no create.
        Assert.Empty(Writes());
        Assert.Empty(State.ListVideos());
    }

    [Fact]
    public void Dynamic_zones_take_lists_and_null_means_omitted()
    {
        Connect();
        var ok = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ score = 4; 'casting-name' = 'Ann', 'Bob'; job = 'Director', 'Actor'; title = $null }");
        Assert.Empty(ok.Errors);
        var missing = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ score = 4; 'casting-name' = 'Ann'; job = 'Director', 'Actor' }");
        Assert.Equal([("MissingInput", "casting-name")], Problems(missing));
        Assert.Contains("repetition 2", missing.Errors[0].Exception.Message);
        var url = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ score = 4; poster = 'https://my.cloud/p.jpg' }");
        Assert.Equal([("FileUrl", "poster")], Problems(url));
        var empty = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{ score = '' }");
        Assert.Equal([("Number", "score")], Problems(empty));
        var none = Shell.Run("Test-DanimTemplateData -TemplateId $review -TemplateData @{}");
        Assert.Equal([("MissingComposition", "02-review")], Problems(none));
    }

    [Fact]
    public void The_module_and_the_emulator_agree_on_the_seed_examples()
    {
        Connect();
        foreach (var (data, valid) in new[] { ("@{ score = 4.8 }", true), ("@{ duration = 112; poster = 'my-file-id' }", false), ("@{ title = 'A great movie'; duration = 20.54; score = -2; poster = 'my-file-id' }", false) })
        {
            var module = (bool)Shell.Run($"Test-DanimTemplateData -TemplateId $review -TemplateData {data} -ErrorAction SilentlyContinue").Output.Single().BaseObject;
            Assert.Equal(valid, module);
            var created = Shell.Run($"New-DanimVideo -TemplateId $review -TemplateData {data} -Draft -ErrorAction SilentlyContinue");
            Assert.Equal(valid, created.Output.Count == 1);
        }
        Assert.Single(State.ListVideos());
    }
}
