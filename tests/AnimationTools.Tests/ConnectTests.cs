using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests;

/// <summary>What users type to connect: -ClientSecret as a SecureString or as plain text, for every Connect-* cmdlet.</summary>
public sealed class ConnectTests : DeepMotionTestBase
{
    public ConnectTests(EmulatorFixture emulator) : base(emulator)
    {
        Shell.SetVariable("endpoints", new Dictionary<string, string>
        {
            ["Connect-DeepMotion"] = emulator.DeepMotionUrl,
            ["Connect-AvatarSdk"] = emulator.AvatarSdkUrl,
        });
    }

    [Theory]
    [InlineData("Connect-DeepMotion")]
    [InlineData("Connect-AvatarSdk")]
    public void A_plain_string_secret_is_accepted_and_never_echoed(string command)
    {
        var result = Shell.Run($$"""
            $id = 'demo'
            $secret = 'demo-secret'
            $s = {{command}} -ClientId $id -ClientSecret $secret -Endpoint $endpoints['{{command}}'] -PassThru -Verbose -Debug
            $s
            "$s"
            """).ThrowOnError();

        var session = result.Output[0];
        Assert.Equal("demo", session.Properties["ClientId"].Value);
        Assert.DoesNotContain("demo-secret", result.AllText());
    }

    [Theory]
    [InlineData("Connect-DeepMotion")]
    [InlineData("Connect-AvatarSdk")]
    public void A_SecureString_secret_still_works(string command)
    {
        var result = Shell.Run($$"""
            $secret = [System.Net.NetworkCredential]::new('', 'demo-secret').SecurePassword
            ({{command}} -ClientId demo -ClientSecret $secret -Endpoint $endpoints['{{command}}'] -PassThru).ClientId
            """).ThrowOnError();
        Assert.Equal("demo", result.Output.Single().ToString());
    }

    [Theory]
    [InlineData("Connect-DeepMotion", "DeepMotion.AuthenticationFailed")]
    [InlineData("Connect-AvatarSdk", "AvatarSdk.AuthenticationFailed")]
    public void A_wrong_plain_string_secret_fails_to_log_in_without_showing_it(string command, string errorId)
    {
        var result = Shell.Run($"{command} -ClientId demo -ClientSecret 'wrong-secret-71' -Endpoint $endpoints['{command}'] -Verbose -Debug");
        Assert.StartsWith(errorId, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain("wrong-secret-71", result.AllText());
        Assert.Empty(Shell.Run("Get-AnimationSession").ThrowOnError().Output);
    }

    [Theory]
    [InlineData("Connect-DeepMotion")]
    [InlineData("Connect-AvatarSdk")]
    public void A_secret_of_another_type_is_refused_without_showing_it(string command)
    {
        var result = Shell.Run($"{command} -ClientId demo -ClientSecret 8675309 -Endpoint $endpoints['{command}']");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("SecureString or a string", error.Exception.Message);
        Assert.DoesNotContain("8675309", result.AllText());
        Assert.Empty(Emulator.Requests(service: null));
    }
}
