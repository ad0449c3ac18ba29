using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>Metadata by share id, one model per requested profile, and the real files behind the model URLs.</summary>
public sealed class TeleportMetadataTests : TeleportTestBase
{
    public TeleportMetadataTests(EmulatorFixture emulator) : base(emulator)
    {
        Api.SignIn();
    }

    string ReadySid(string format = "video")
    {
        var eid = Api.Upload("statue", TeleportApi.Bytes(500), format).GetProperty("eid").GetString();
        return Api.WaitForState(eid, "READY").GetProperty("sid").GetString();
    }

    JsonElement Metadata(string sid, string query) => TeleportApi.Json(Api.Send(HttpMethod.Get, $"/share/{sid}/metadata{query}"), HttpStatusCode.OK);

    [Fact]
    public void The_ply_model_is_a_binary_point_cloud_a_PLY_reader_loads()
    {
        var sid = ReadySid();
        var metadata = Metadata(sid, "?profiles=ply&quality=hd");
        Assert.Equal(sid, metadata.GetProperty("sid").GetString());
        Assert.Equal("statue", metadata.GetProperty("name").GetString());
        Assert.Equal("ply", metadata.GetProperty("profile_name").GetString());
        Assert.False(metadata.GetProperty("lod").GetBoolean());
        Assert.Equal(16, metadata.GetProperty("cameras")[0].GetProperty("matrix").GetArrayLength());
        Assert.Equal(30, metadata.GetProperty("video_trajectory").GetProperty("fps").GetDouble());

        var model = Assert.Single(metadata.GetProperty("models").EnumerateArray());
        Assert.Equal("ply", model.GetProperty("id").GetString());
        Assert.Equal(model.GetProperty("url").GetString(), Assert.Single(metadata.GetProperty("model_urls").EnumerateArray()).GetString());

        // The CDN needs no token.
        var bytes = Api.Storage.GetByteArrayAsync(model.GetProperty("url").GetString()).Result;
        Assert.Equal(model.GetProperty("size").GetInt64(), bytes.LongLength);
        var ply = PlyReader.Load(bytes);
        Assert.Equal(16384, ply.VertexCount);
        Assert.Equal(["x", "y", "z", "red", "green", "blue"], ply.VertexProperties.Select(p => p.Name));
        var aabb = model.GetProperty("aabb");
        for (var axis = 0; axis < 3; axis++)
        {
            var values = Enumerable.Range(0, ply.VertexCount).Select(i => ply.Positions[3 * i + axis]).ToList();
            Assert.Equal(aabb.GetProperty("min")[axis].GetSingle(), values.Min(), 4);
            Assert.Equal(aabb.GetProperty("max")[axis].GetSingle(), values.Max(), 4);
        }

        // sd is lighter; the same capture gives the same file every time.
        var sd = Metadata(sid, "?profiles=ply&quality=sd").GetProperty("models")[0];
        Assert.Equal(4096, PlyReader.Load(Api.Storage.GetByteArrayAsync(sd.GetProperty("url").GetString()).Result).VertexCount);
        Assert.Equal(bytes, Api.Storage.GetByteArrayAsync(model.GetProperty("url").GetString()).Result);
    }

    [Fact]
    public void One_model_per_requested_profile_and_sogs_sh0_is_a_zip_of_six_data_files()
    {
        var sid = ReadySid("bulk-images");
        var metadata = Metadata(sid, "?profiles=ply&profiles=sogs-sh0&profiles=fragment-chunk1&quality=sd&lod=true");
        Assert.True(metadata.GetProperty("lod").GetBoolean());
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("video_trajectory").ValueKind);
        var models = metadata.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["ply", "sogs-sh0", "fragment-chunk1"], models.Select(m => m.GetProperty("id").GetString()));

        var sogs = Api.Storage.GetByteArrayAsync(models[1].GetProperty("url").GetString()).Result;
        using var zip = new ZipArchive(new MemoryStream(sogs));
        Assert.Equal(6, zip.Entries.Count);
        Assert.Equal(1, zip.Entries.Count(e => e.Name.EndsWith(".json")));
        Assert.Equal(5, zip.Entries.Count(e => e.Name.EndsWith(".bin")));
        using (var meta = zip.GetEntry("meta.json").Open())
        {
            Assert.Equal(4096, JsonDocument.Parse(meta).RootElement.GetProperty("count").GetInt32());
        }

        using var fragments = new ZipArchive(new MemoryStream(Api.Storage.GetByteArrayAsync(models[2].GetProperty("url").GetString()).Result));
        var chunks = fragments.Entries.Where(e => e.Name.EndsWith(".ply")).Select(e =>
        {
            using var copy = new MemoryStream();
            e.Open().CopyTo(copy);
            return PlyReader.Load(copy.ToArray()).VertexCount;
        }).ToList();
        Assert.Equal(4, chunks.Count);
        Assert.Equal(4096, chunks.Sum());
    }

    [Fact]
    public void Model_files_answer_HEAD_and_Range_and_use_cdn_false_gives_origin_URLs()
    {
        var sid = ReadySid();
        var url = Metadata(sid, "?profiles=ply&use_cdn=false").GetProperty("models")[0].GetProperty("url").GetString();
        Assert.Contains("/_files/", url);
        var head = Api.Storage.Send(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var length = head.Content.Headers.ContentLength.Value;

        var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(length - 100, null);
        var tail = Api.Storage.Send(range);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(100, tail.Content.ReadAsByteArrayAsync().Result.Length);
    }

    [Fact]
    public void Models_can_come_keyed_by_profile_the_quirk_some_clients_expect()
    {
        Configure(new { modelsAsObject = true });
        var sid = ReadySid();
        var models = Metadata(sid, "?profiles=ply&profiles=sogs-sh0").GetProperty("models");
        Assert.Equal(JsonValueKind.Object, models.ValueKind);
        Assert.Equal(["ply", "sogs-sh0"], models.EnumerateObject().Select(p => p.Name));
        Assert.EndsWith(".ply", models.GetProperty("ply").GetProperty("url").GetString());
    }

    [Fact]
    public void Metadata_of_an_unknown_or_unready_share_id_is_404_and_bad_queries_are_422()
    {
        Configure(new { processingMs = 60_000 });
        var processing = Api.Upload("slow", TeleportApi.Bytes(10)).GetProperty("sid").GetString();
        Assert.Equal(HttpStatusCode.NotFound, Api.Send(HttpMethod.Get, $"/share/{processing}/metadata").StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, Api.Send(HttpMethod.Get, "/share/nosuchsid/metadata").StatusCode);

        Emulator.Control($"teleport/captures/{Api.List()[0].GetProperty("eid").GetString()}/ready");
        var bad = TeleportApi.Json(Api.Send(HttpMethod.Get, $"/share/{processing}/metadata?quality=4k&profiles=ply&profiles=obj"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["""["query","quality"]""", """["query","profiles",1]"""], bad.GetProperty("detail").EnumerateArray().Select(e => e.GetProperty("loc").GetRawText()));
        Assert.Equal("ply", Metadata(processing, "").GetProperty("models")[0].GetProperty("id").GetString());
    }
}
