using System.Diagnostics;
using System.Net;
using AnimationTools.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AnimationTools.Tests.Teleport;

/// <summary>The per-connection bandwidth cap on part PUTs, which lets a test measure what parallel parts gain.</summary>
public sealed class TeleportBandwidthTests : TeleportTestBase
{
    const int Chunk = 128 * 1024;

    readonly ITestOutputHelper _output;

    public TeleportBandwidthTests(EmulatorFixture emulator, ITestOutputHelper output) : base(emulator)
    {
        _output = output;
        Api.SignIn();
    }

    /// <summary>PUTs every part of a new capture, <paramref name="parallel"/> at a time, and times the PUTs.</summary>
    TimeSpan UploadParts(byte[] data, int parallel)
    {
        var (eid, _, parts) = Api.Create("capped.mp4", data.Length);
        var urls = Enumerable.Range(1, parts).Select(n => Api.PartUrl(eid, n, data.Length)).ToList();
        var watch = Stopwatch.StartNew();
        Task.WhenAll(Enumerable.Range(0, parallel).Select(async lane =>
        {
            for (var i = lane; i < parts; i += parallel)
            {
                var response = await Api.PutAsync(urls[i], data.AsMemory(i * Chunk, Chunk));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        })).GetAwaiter().GetResult();
        return watch.Elapsed;
    }

    [Fact]
    public void The_cap_slows_one_connection_and_four_connections_go_faster_than_one()
    {
        Configure(new { chunkSize = Chunk, storeUploads = false });
        var data = TeleportApi.Bytes(Chunk * 4);
        var uncapped = UploadParts(data, 1);

        Configure(new { partBandwidth = 4 * Chunk });
        var one = UploadParts(data, 1);
        var four = UploadParts(data, 4);
        _output.WriteLine($"uncapped {uncapped.TotalMilliseconds:F0} ms, capped: one connection {one.TotalMilliseconds:F0} ms, four {four.TotalMilliseconds:F0} ms ({one / four:F2}x)");

        // Each 128 KiB part at 512 KiB/s takes at least a quarter of a second: four in turn at least a second.
        Assert.True(one >= TimeSpan.FromMilliseconds(950), $"one connection took {one.TotalMilliseconds} ms");
        Assert.True(uncapped * 3 < one, $"uncapped {uncapped.TotalMilliseconds} ms vs capped {one.TotalMilliseconds} ms");
        Assert.True(four * 2.5 < one, $"four connections took {four.TotalMilliseconds} ms, one took {one.TotalMilliseconds} ms");

        Configure(new { partBandwidth = 0 });
        Assert.Equal(0, Emulator.ControlGet("teleport/config").GetProperty("partBandwidth").GetInt64());
    }
}
