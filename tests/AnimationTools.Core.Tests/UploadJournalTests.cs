using AnimationTools.Core.Transfer;

namespace AnimationTools.Core.Tests;

/// <summary>The journal of unfinished uploads: a record, and values appended one line at a time.</summary>
public sealed class UploadJournalTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("journal-").FullName;

    [Fact]
    public void Appended_values_come_back_with_the_record_and_a_later_one_wins()
    {
        var journal = new UploadJournal(_root);
        var record = new UploadRecord { Session = "eid1", StartedUtc = DateTime.UtcNow };
        record.Values["chunkSize"] = "5242880";
        journal.Save("k", record);

        Parallel.For(1, 101, n => journal.Append("k", "part." + n, "\"etag" + n + "\""));
        journal.Append("k", "part.7", "");

        var found = journal.Find("k");
        Assert.Equal("eid1", found.Session);
        Assert.Equal("5242880", found.Values["chunkSize"]);
        var parts = MultipartUpload.PartsOf(found);
        Assert.Equal(99, parts.Count);
        Assert.False(parts.ContainsKey(7));
        Assert.Equal("\"etag42\"", parts[42]);
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_ignored_and_Remove_forgets_everything()
    {
        var journal = new UploadJournal(_root);
        journal.Save("k", new UploadRecord { Session = "eid" });
        journal.Append("k", "part.1", "a");
        File.AppendAllText(Path.Combine(_root, "k.log"), "part.2\tb");

        Assert.Equal(new[] { 1 }, MultipartUpload.PartsOf(journal.Find("k")).Keys);

        journal.Remove("k");
        Assert.Null(journal.Find("k"));
        Assert.Empty(Directory.GetFiles(_root));
    }

    [Fact]
    public void Keys_differ_by_service_account_endpoint_and_source()
    {
        var endpoint = new Uri("https://teleport.varjo.com/");
        var key = UploadJournal.KeyOf("Teleport", "a", endpoint, "file|x|1|2");
        Assert.StartsWith("teleport-", key);
        Assert.NotEqual(key, UploadJournal.KeyOf("Teleport", "b", endpoint, "file|x|1|2"));
        Assert.NotEqual(key, UploadJournal.KeyOf("Teleport", "a", new Uri("http://127.0.0.1:5080/teleport"), "file|x|1|2"));
        Assert.NotEqual(key, UploadJournal.KeyOf("Teleport", "a", endpoint, "file|x|1|3"));
        Assert.Equal(key, UploadJournal.KeyOf("Teleport", "a", endpoint, "file|x|1|2"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
