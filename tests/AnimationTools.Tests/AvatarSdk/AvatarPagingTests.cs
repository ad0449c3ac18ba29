using System.Management.Automation;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.AvatarSdk;

/// <summary>Link headers that would make a listing loop: a cycle of pages ends with a typed error, not forever.</summary>
public sealed class AvatarPagingTests : AvatarSdkTestBase
{
    public AvatarPagingTests(EmulatorFixture emulator) : base(emulator) { }

    [Fact]
    public void A_Link_cycle_ends_Get_Avatar_with_a_typed_error_after_each_page_once()
    {
        Connect();
        Seed(150);
        // Page 2 links back to page 1 (the URL Get-Avatar started with), again and again.
        Emulator.AddFault(new FaultDefinition
        {
            Service = "avatarsdk", Method = "GET", Path = "^/avatarsdk/avatars/$", Kind = FaultKind.ReplaceBody, Skip = 1, Count = 20,
            Patch = new() { ["/no-such-member"] = null },
            Headers = new() { ["Link"] = $"<{Emulator.AvatarSdkUrl}/avatars/>; rel=\"next\"" },
        });

        var result = Shell.Run("Get-Avatar");

        Assert.Equal(150, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AvatarSdk.PagingLoop,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(2, Requests().Count(r => r.Method == "GET" && r.Path == "/avatarsdk/avatars/"));
    }
}
