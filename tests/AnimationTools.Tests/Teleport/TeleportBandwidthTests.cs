using System.Diagnostics;
using System.Net;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>The per-connection bandwidth cap on part PUTs, which lets a test measure what parallel parts gain.</summary>
public sealed class TeleportBandwidthTests : TeleportTestBase
{
    const int Chunk = 128 * 1024;

    public TeleportBandwidthTests(EmulatorFixture emulator) : base(emulator)
    {
        Api.SignIn();
    }

    TimeSpan UploadParts(byte[] data, int parallel)
    {
        var (eid, _, parts) = Api.Create("capped.mp4", data.Length);
        var urls = Enumerable.Range(1, parts).Select(n => Api.PartUrl(eid, n, data.Length)).ToList();
        var watch = Stopwatch.StartNew();
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i =>
            Assert.Equal(HttpStatusCode.OK, Api.Put(urls[i], data.AsMemory(i * Chunk, Chunk)).StatusCode));
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

        // 4 parts at 512 KiB/s on one connection: about a second (a part's last read is not waited for).
        Assert.True(one >= TimeSpan.FromMilliseconds(700), $"one connection took {one.TotalMilliseconds} ms");
        Assert.True(uncapped * 3 < one, $"uncapped {uncapped.TotalMilliseconds} ms vs capped {one.TotalMilliseconds} ms");
        Assert.True(four * 2.5 < one, $"four connections took {four.TotalMilliseconds} ms, one took {one.TotalMilliseconds} ms");

        Configure(new { partBandwidth = 0 });
        Assert.Equal(0, Emulator.ControlGet("teleport/config").GetProperty("partBandwidth").GetInt64());
    }
}
