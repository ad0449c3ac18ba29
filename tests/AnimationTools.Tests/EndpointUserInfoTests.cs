using System.Management.Automation;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>
/// An endpoint with <c>user:password@</c> is refused before any request, and the password appears nowhere: not in the
/// error, not in verbose or debug output, not in a session's Endpoint.
/// </summary>
public sealed class EndpointUserInfoTests : DeepMotionTestBase
{
    public EndpointUserInfoTests(EmulatorFixture emulator) : base(emulator)
    {
        Shell.SetVariable("avatarEndpoint", emulator.AvatarSdkUrl);
    }

    [Theory]
    [InlineData("Connect-DeepMotion", "endpoint", "DeepMotion.InvalidEndpoint")]
    [InlineData("Connect-AvatarSdk", "avatarEndpoint", "AvatarSdk.InvalidEndpoint")]
    public void An_endpoint_with_a_user_and_password_is_refused_without_echoing_the_password(string command, string variable, string errorId)
    {
        var result = Shell.Run($$"""
            $withUser = ${{variable}} -replace '^http://', 'http://admin:hunter2-pw@'
            {{command}} -Credential $cred -Endpoint $withUser -Verbose -Debug
            """);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.DoesNotContain("hunter2-pw", result.AllText());
        Assert.DoesNotContain("hunter2-pw", error.Exception.ToString());
        Assert.Empty(Emulator.Requests("deepmotion"));
        Assert.Empty(Emulator.Requests("avatarsdk"));
        Assert.Empty(Shell.Run("Get-AnimationSession").ThrowOnError().Output);
    }

    [Fact]
    public void A_webhook_URL_with_a_user_and_password_is_refused_too()
    {
        Connect();
        var before = Emulator.Requests().Count;

        var result = Shell.Run("New-WebhookEndpoint -Url 'https://hook:s3cr3t-pw@hooks.example.com/in' -Event job.completed -Verbose");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DeepMotion.InvalidEndpoint,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("s3cr3t-pw", result.AllText());
        Assert.Equal(before, Emulator.Requests().Count);
    }
}
