using AnimationTools.Core.Transfer;

namespace AnimationTools.Core.Tests;

/// <summary>File bodies can be sent again (retry, replay after 401, 307/308) and always say how long they are.</summary>
public sealed class FileRangeContentTests : IDisposable
{
    readonly string _path = Path.GetTempFileName();

    public FileRangeContentTests()
    {
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(_path, bytes);
    }

    [Fact]
    public async Task A_window_is_read_whole_each_time_it_is_sent_and_reports_its_length()
    {
        var content = new FileRangeContent(_path, 1000, 200_000);

        Assert.Equal(200_000, content.Headers.ContentLength);
        var expected = File.ReadAllBytes(_path).Skip(1000).Take(200_000).ToArray();
        for (var send = 0; send < 2; send++)
        {
            using var sent = new MemoryStream();
            await content.CopyToAsync(sent);
            Assert.Equal(expected, sent.ToArray());
        }
    }

    public void Dispose() => File.Delete(_path);
}
