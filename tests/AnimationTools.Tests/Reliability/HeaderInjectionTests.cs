using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Reliability;

/// <summary>
/// Parameters that become HTTP headers refuse CR, LF and other control characters before any request: a value such as
/// "u1\r\nX-Evil: 1" once reached the service as a header of its own.
/// </summary>
public sealed class HeaderInjectionTests : DeepMotionTestBase
{
    public static readonly TheoryData<string, string, string> Cases = Build();

    public HeaderInjectionTests(EmulatorFixture emulator) : base(emulator)
    {
        Shell.SetVariable("avatarEndpoint", emulator.AvatarSdkUrl);
    }

    static TheoryData<string, string, string> Build()
    {
        var values = new[] { "u1\r\nX-Evil: 1", "u1\nX-Evil: 1", "u1\rX-Evil: 1", "u1\0", "u1\u001b[31m", "u1\u007f", "\r\n\r\nGET / HTTP/1.1" };
        var data = new TheoryData<string, string, string>();
        foreach (var value in values)
        {
            data.Add("Connect-DeepMotion -Credential $cred -Endpoint $endpoint -UserUid $value", "DeepMotion.InvalidParameter.UserUid", value);
            data.Add("Connect-AvatarSdk -Credential $cred -Endpoint $avatarEndpoint -PlayerUid $value", "AvatarSdk.InvalidParameter.PlayerUid", value);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_header_bound_parameter_with_control_characters_fails_before_any_request(string script, string errorId, string value)
    {
        Shell.SetVariable("value", value);

        var result = Shell.Run(script);

        var error = Assert.Single(result.Errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(Emulator.Requests("deepmotion"));
        Assert.Empty(Emulator.Requests("avatarsdk"));
        Assert.Empty(Shell.Run("Get-AnimationSession").ThrowOnError().Output);
    }

    [Fact]
    public void A_tab_in_a_header_bound_parameter_is_allowed()
    {
        Shell.Run("Connect-DeepMotion -Credential $cred -Endpoint $endpoint -UserUid \"user`tone\" -WarningAction SilentlyContinue").ThrowOnError();
        var login = Assert.Single(Emulator.Requests("deepmotion"));
        Assert.Equal("user\tone", login.Headers["x-useruid"]);
    }
}
