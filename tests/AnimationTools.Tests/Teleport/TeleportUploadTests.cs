using System.Net;
using System.Text.Json;
using AnimationTools.Emulator.Infrastructure;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Teleport;

/// <summary>The S3-style multipart upload: part sizes, pre-signed part URLs, ETags, and the checks of completion.</summary>
public sealed class TeleportUploadTests : TeleportTestBase
{
    const int Chunk = 64 * 1024;

    public TeleportUploadTests(EmulatorFixture emulator) : base(emulator)
    {
        Api.SignIn();
    }

    [Fact]
    public void A_capture_gets_5_MiB_parts_by_default_and_the_last_part_holds_the_rest()
    {
        var (_, chunkSize, numParts) = Api.Create("walkaround.mp4", 104_857_600);
        Assert.Equal(5 * 1024 * 1024, chunkSize);
        Assert.Equal(20, numParts);

        var (eid, _, parts) = Api.Create("odd.mp4", 5 * 1024 * 1024 * 2 + 7);
        Assert.Equal(3, parts);
        var sizes = Upload(eid).GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("size").GetInt64()).ToList();
        Assert.Equal([5L * 1024 * 1024, 5L * 1024 * 1024, 7], sizes);
    }

    [Fact]
    public void Files_that_would_need_more_than_10000_parts_get_bigger_parts()
    {
        var (_, chunkSize, numParts) = Api.Create("huge.mp4", 60L * 1024 * 1024 * 1024);
        Assert.True(numParts <= 10_000, $"{numParts} parts");
        Assert.Equal(0, chunkSize % (1024 * 1024));
        Assert.Equal((60L * 1024 * 1024 * 1024 + chunkSize - 1) / chunkSize, numParts);
    }

    [Fact]
    public void Parts_uploaded_in_parallel_and_completed_in_order_are_the_file()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk * 4 + 1000);
        var (eid, chunkSize, numParts) = Api.Create("lobby.mp4", data.Length);
        Assert.Equal(Chunk, chunkSize);
        Assert.Equal(5, numParts);
        Assert.Equal("CREATED", Api.Find(eid).Value.GetProperty("state").GetString());

        var urls = Enumerable.Range(1, numParts).Select(n => Api.PartUrl(eid, n, data.Length)).ToList();
        Assert.Equal("UPLOADING", Api.Find(eid).Value.GetProperty("state").GetString());
        Assert.All(urls, u => Assert.StartsWith(Api.Root + "/_s3/", u));
        Assert.All(urls, u => Assert.Contains("X-Amz-Signature=", u));

        // All at once, started last part first: the order of PUTs does not matter, only the list at completion.
        var etags = new string[numParts];
        Task.WhenAll(Enumerable.Range(0, numParts).Reverse().Select(async index =>
        {
            var slice = data.AsMemory(index * Chunk, Math.Min(Chunk, data.Length - index * Chunk));
            var response = await Api.PutAsync(urls[index], slice);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            etags[index] = response.Headers.ETag!.ToString();
            Assert.Equal($"\"{TeleportApi.Md5Hex(slice.Span)}\"", etags[index]);
        })).GetAwaiter().GetResult();

        var done = TeleportApi.Json(Api.Complete(eid, etags.Select((e, i) => (i + 1, e))), HttpStatusCode.OK);
        Assert.Equal("PROCESSING", done.GetProperty("state").GetString());
        Assert.NotNull(done.GetProperty("uploaded").GetString());
        Assert.NotNull(done.GetProperty("sid").GetString());

        var stored = Emulator.Server.BaseAddress + "_emulator/teleport/uploads/" + eid + "/file";
        Assert.Equal(data, Api.Storage.GetByteArrayAsync(stored).Result);
        var parts = Upload(eid).GetProperty("parts").EnumerateArray().ToList();
        Assert.All(parts, p => Assert.Equal(1, p.GetProperty("puts").GetInt32()));
        Assert.All(parts, p => Assert.Equal(p.GetProperty("size").GetInt64(), p.GetProperty("storedSize").GetInt64()));
    }

    [Fact]
    public void A_PUT_of_the_wrong_length_or_with_the_token_or_without_a_length_is_refused()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk * 2);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        var url = Api.PartUrl(eid, 1, data.Length);

        var shorter = Api.Put(url, data.AsMemory(0, Chunk - 1));
        Assert.Equal(HttpStatusCode.BadRequest, shorter.StatusCode);
        Assert.Contains($"exactly {Chunk} bytes", TeleportApi.Text(shorter));
        Assert.Equal(HttpStatusCode.BadRequest, Api.Put(url, data.AsMemory(0, Chunk + 1)).StatusCode);

        var withToken = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(data, 0, Chunk) };
        withToken.Headers.Authorization = Api.Http.DefaultRequestHeaders.Authorization;
        var refused = Api.Storage.Send(withToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<Code>InvalidArgument</Code>", TeleportApi.Text(refused));

        var chunked = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new MemoryStream(data, 0, Chunk)) };
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.LengthRequired, Api.Storage.Send(chunked).StatusCode);

        var part = Upload(eid).GetProperty("parts")[0];
        Assert.Equal(0, part.GetProperty("puts").GetInt32());
        Assert.False(part.TryGetProperty("md5", out _));
        Assert.Equal(HttpStatusCode.OK, Api.Put(url, data.AsMemory(0, Chunk)).StatusCode);
    }

    [Fact]
    public void Completion_with_a_wrong_or_missing_ETag_or_out_of_order_is_a_422_naming_the_part()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk * 3);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        var etags = Api.UploadAll(eid, data, Chunk);

        var wrong = TeleportApi.Json(Api.Complete(eid, [(1, etags[0]), (2, "\"0123456789abcdef0123456789abcdef\""), (3, etags[2])]), HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(wrong.GetProperty("detail").EnumerateArray());
        Assert.Equal("invalid_etag", error.GetProperty("type").GetString());
        Assert.Equal("""["body","parts",1,"etag"]""", error.GetProperty("loc").GetRawText());
        Assert.Contains("part 2", error.GetProperty("msg").GetString());

        var missing = TeleportApi.Json(Api.Complete(eid, [(1, etags[0]), (3, etags[2])]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("missing_part", Assert.Single(missing.GetProperty("detail").EnumerateArray()).GetProperty("type").GetString());

        var order = TeleportApi.Json(Api.Complete(eid, [(2, etags[1]), (1, etags[0]), (3, etags[2])]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid_part_order", Assert.Single(order.GetProperty("detail").EnumerateArray()).GetProperty("type").GetString());

        var twice = TeleportApi.Json(Api.Complete(eid, [(1, etags[0]), (1, etags[0]), (2, etags[1]), (3, etags[2])]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("duplicate_part", Assert.Single(twice.GetProperty("detail").EnumerateArray()).GetProperty("type").GetString());

        Assert.Equal("UPLOADING", Api.Find(eid).Value.GetProperty("state").GetString());

        // Quotes are optional; the right list in ascending order is accepted, and a repeat of it answers the same.
        var accepted = TeleportApi.Json(Api.Complete(eid, etags.Select((e, i) => (i + 1, e.Trim('"')))), HttpStatusCode.OK);
        Assert.Equal("PROCESSING", accepted.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, Api.Complete(eid, etags.Select((e, i) => (i + 1, e))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, Api.Complete(eid, [(1, etags[0])]).StatusCode);
    }

    [Fact]
    public void A_part_never_uploaded_cannot_be_completed()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk * 2);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        var first = Api.Put(Api.PartUrl(eid, 1, data.Length), data.AsMemory(0, Chunk)).Headers.ETag!.ToString();
        var answer = TeleportApi.Json(Api.Complete(eid, [(1, first), (2, "\"whatever\"")]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("part_not_uploaded", Assert.Single(answer.GetProperty("detail").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public void Part_URLs_expire_with_a_403_and_asking_again_gives_a_fresh_one()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk * 2);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        var old = Api.PartUrl(eid, 1, data.Length);
        Emulator.Control("teleport/part-urls/expire");

        var expired = Api.Put(old, data.AsMemory(0, Chunk));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        var text = TeleportApi.Text(expired);
        Assert.Contains("<Code>AccessDenied</Code>", text);
        Assert.Contains("Request has expired", text);

        var fresh = Api.PartUrl(eid, 1, data.Length);
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.OK, Api.Put(fresh, data.AsMemory(0, Chunk)).StatusCode);

        var part = Upload(eid).GetProperty("parts")[0];
        Assert.Equal(2, part.GetProperty("urlsIssued").GetInt32());
        Assert.Equal(1, part.GetProperty("puts").GetInt32());
    }

    [Fact]
    public void Part_URLs_end_after_the_configured_lifetime_and_only_fit_their_part()
    {
        Configure(new { chunkSize = Chunk, partUrlLifetimeSeconds = 1 });
        var data = TeleportApi.Bytes(Chunk * 2);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        var url = Api.PartUrl(eid, 1, data.Length);
        Assert.Contains("X-Amz-Expires=1&", url);

        var otherPart = url.Replace("/parts/1?", "/parts/2?");
        var refused = Api.Put(otherPart, data.AsMemory(0, Chunk));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", TeleportApi.Text(refused));

        Thread.Sleep(1100);
        Assert.Equal(HttpStatusCode.Forbidden, Api.Put(url, data.AsMemory(0, Chunk)).StatusCode);
    }

    [Fact]
    public void Asking_for_a_part_URL_checks_the_eid_the_total_bytesize_and_the_part_number()
    {
        Configure(new { chunkSize = Chunk });
        var (eid, _, _) = Api.Create("x.mp4", Chunk * 2);

        var partSize = TeleportApi.Json(Api.RequestPartUrl(eid, 1, Chunk), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("""["body","bytesize"]""", Assert.Single(partSize.GetProperty("detail").EnumerateArray()).GetProperty("loc").GetRawText());

        var zero = TeleportApi.Json(Api.RequestPartUrl(eid, 0, Chunk * 2), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("numbered from 1", zero.GetProperty("detail")[0].GetProperty("msg").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, Api.RequestPartUrl(eid, 3, Chunk * 2).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            Api.Send(HttpMethod.Post, $"/api/v1/captures/{eid}/create-upload-url/1", new { eid = "other", bytesize = Chunk * 2 }).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, Api.Send(HttpMethod.Post, $"/api/v1/captures/{eid}/create-upload-url/one", new { eid, bytesize = Chunk * 2 }).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, Api.RequestPartUrl("nosuchcapture", 1, Chunk * 2).StatusCode);
    }

    [Fact]
    public void A_part_whose_connection_drops_stores_nothing_and_is_retried_alone()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk * 3);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        // The shared fault API matches part PUTs by path: fail part 2 twice, mid-body.
        Emulator.AddFault(new FaultDefinition { Service = "teleport", Method = "PUT", Path = $"^/teleport/_s3/uploads/{eid}/parts/2$", Kind = FaultKind.Drop, AfterBytes = 1000, Count = 2 });

        var etags = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            var slice = data.AsMemory((n - 1) * Chunk, Chunk);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var response = Api.Put(Api.PartUrl(eid, n, data.Length), slice);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    etags.Add(response.Headers.ETag!.ToString());
                    break;
                }
                catch (HttpRequestException) when (attempt < 3)
                {
                }
            }
        }

        Assert.Equal(HttpStatusCode.OK, Api.Complete(eid, etags.Select((e, i) => (i + 1, e))).StatusCode);
        var parts = Upload(eid).GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal([1, 3, 1], parts.Select(p => p.GetProperty("attempts").GetInt32()));
        Assert.Equal([1, 1, 1], parts.Select(p => p.GetProperty("puts").GetInt32()));
        Assert.Equal(data, Api.Storage.GetByteArrayAsync(Emulator.Server.ControlUrl + "/teleport/uploads/" + eid + "/file").Result);
        Assert.Equal(2, Requests().Count(r => r.Path.EndsWith("/parts/2") && r.Aborted));
    }

    [Fact]
    public void Without_storage_parts_are_only_hashed()
    {
        Configure(new { chunkSize = Chunk, storeUploads = false });
        var data = TeleportApi.Bytes(Chunk + 10);
        var done = Api.Upload("hashed.mp4", data);
        var eid = done.GetProperty("eid").GetString();
        var upload = Upload(eid);
        Assert.False(upload.GetProperty("stored").GetBoolean());
        Assert.Equal(TeleportApi.Md5Hex(data.AsSpan(Chunk)), upload.GetProperty("parts")[1].GetProperty("md5").GetString());
        Assert.Equal(HttpStatusCode.Conflict, Api.Storage.GetAsync(Emulator.Server.ControlUrl + "/teleport/uploads/" + eid + "/file").Result.StatusCode);
    }

    [Fact]
    public void Parts_of_a_completed_or_deleted_upload_are_refused()
    {
        Configure(new { chunkSize = Chunk });
        var data = TeleportApi.Bytes(Chunk);
        var (eid, _, _) = Api.Create("x.mp4", data.Length);
        var url = Api.PartUrl(eid, 1, data.Length);
        var etag = Api.Put(url, data).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, Api.Complete(eid, [(1, etag)]).StatusCode);

        var late = Api.Put(url, data);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Contains("NoSuchUpload", TeleportApi.Text(late));
        Assert.Equal(HttpStatusCode.Conflict, Api.RequestPartUrl(eid, 1, data.Length).StatusCode);

        var (other, _, _) = Api.Create("y.mp4", data.Length);
        var otherUrl = Api.PartUrl(other, 1, data.Length);
        Assert.Equal(HttpStatusCode.NoContent, Api.Send(HttpMethod.Delete, "/api/v1/captures/" + other).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, Api.Put(otherUrl, data).StatusCode);
    }

    [Fact]
    public void Another_account_sees_none_of_the_captures()
    {
        Emulator.Server.State.Options.Clients["other"] = "other-secret";
        var (eid, _, _) = Api.Create("mine.mp4", 100);
        using var other = new TeleportApi(Emulator);
        other.SignIn("other", "other-secret");
        Assert.Equal(0, other.List().GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, other.RequestPartUrl(eid, 1, 100).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.Send(HttpMethod.Delete, "/api/v1/captures/" + eid).StatusCode);
        Assert.Equal(1, Api.List().GetArrayLength());
    }
}
