using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>What <c>POST /api/v1/captures</c> was sent (§4.2), kept as given.</summary>
internal sealed record CaptureInput(
    string Name,
    long Bytesize,
    string InputDataFormat,
    long? NumFrames,
    bool? GuidedMode,
    string? IosAppVersion,
    JsonElement? TrainingParameters,
    string? Created);

/// <summary>Where a capture is at a given time.</summary>
internal readonly record struct CaptureSnapshot(string State, string? ErrorReason)
{
    public bool IsTerminal => State is CaptureStates.Ready or CaptureStates.Failed;
}

/// <summary>
/// One capture of one account. The state follows from the recorded events and the clock: CREATED until a part URL
/// is asked for, UPLOADING until the upload is completed, PROCESSING for the processing time, then READY, or FAILED
/// with the planned error reason.
/// </summary>
internal sealed class CaptureRecord
{
    private readonly object sync = new();
    private DateTimeOffset? processingEndsAt;
    private string? errorReason;
    private bool partUrlIssued;
    private ITimer? processingTimer;

    public CaptureRecord(string eid, string clientId, CaptureInput input, MultipartUpload upload, DateTimeOffset created, long sequence, string? plannedErrorReason, TimeSpan? processingTime)
    {
        Eid = eid;
        ClientId = clientId;
        Input = input;
        Name = input.Name;
        Upload = upload;
        Created = created;
        Sequence = sequence;
        PlannedErrorReason = plannedErrorReason;
        PlannedProcessingTime = processingTime;
    }

    /// <summary>External id, e.g. <c>hd72kkw82ksa</c>.</summary>
    public string Eid { get; }

    public string ClientId { get; }

    public CaptureInput Input { get; }

    public string Name { get; private set; }

    public MultipartUpload Upload { get; }

    public DateTimeOffset Created { get; }

    /// <summary>Creation order, to sort captures created within the same clock tick.</summary>
    public long Sequence { get; }

    public DateTimeOffset? Uploaded { get; private set; }

    /// <summary>Share id, assigned when the upload completes.</summary>
    public string? Sid { get; private set; }

    public bool IsPublic { get; private set; }

    /// <summary>Error reason the test hooks planned for the end of processing (null: READY).</summary>
    public string? PlannedErrorReason { get; }

    /// <summary>Processing time the test hooks planned instead of the configured one.</summary>
    public TimeSpan? PlannedProcessingTime { get; }

    /// <summary>Set once the terminal state has been announced (webhook), so it is announced once.</summary>
    public bool Announced { get; private set; }

    public bool Deleted { get; private set; }

    public CaptureSnapshot StateAt(DateTimeOffset now)
    {
        lock (sync)
        {
            if (Uploaded is null)
            {
                return new CaptureSnapshot(partUrlIssued ? CaptureStates.Uploading : CaptureStates.Created, null);
            }

            if (now < processingEndsAt)
            {
                return new CaptureSnapshot(CaptureStates.Processing, null);
            }

            return errorReason is null ? new CaptureSnapshot(CaptureStates.Ready, null) : new CaptureSnapshot(CaptureStates.Failed, errorReason);
        }
    }

    public void Rename(string name)
    {
        lock (sync)
        {
            Name = name;
        }
    }

    /// <summary>CREATED → UPLOADING (the first part URL).</summary>
    public void MarkUploading()
    {
        lock (sync)
        {
            partUrlIssued = true;
        }
    }

    /// <summary>
    /// Upload completed: PROCESSING for <paramref name="processing"/>, then the planned outcome. <paramref name="onEnd"/>
    /// runs once the processing time is over (or when a hook ends it early).
    /// </summary>
    public void StartProcessing(DateTimeOffset now, TimeSpan processing, TimeProvider clock, Action<CaptureRecord> onEnd)
    {
        lock (sync)
        {
            Uploaded = now;
            Sid = NewSid();
            processingEndsAt = now + processing;
            errorReason = PlannedErrorReason;
            processingTimer = clock.CreateTimer(_ => onEnd(this), null, processing, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A hook ends processing now (READY when <paramref name="reason"/> is null); false when not processing.</summary>
    public bool EndProcessingNow(DateTimeOffset now, string? reason)
    {
        lock (sync)
        {
            if (Uploaded is null || now >= processingEndsAt)
            {
                return false;
            }

            processingEndsAt = now;
            errorReason = reason;
            processingTimer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            return true;
        }
    }

    /// <summary>
    /// Claims the announcement of the terminal state; false when already done, deleted, or not yet terminal. A timer
    /// may fire a little before the wall clock reaches the end of processing: then it is set again for the rest.
    /// </summary>
    public bool TryClaimAnnouncement(DateTimeOffset now)
    {
        lock (sync)
        {
            if (Announced || Deleted || Uploaded is null)
            {
                return false;
            }

            if (now < processingEndsAt)
            {
                processingTimer?.Change(processingEndsAt.Value - now + TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
                return false;
            }

            Announced = true;
            return true;
        }
    }

    /// <summary>A seeded capture: already uploaded, and READY or FAILED (or still PROCESSING) without any processing run.</summary>
    public void Seed(string state, string? reason, DateTimeOffset uploaded, DateTimeOffset now)
    {
        lock (sync)
        {
            if (state == CaptureStates.Created)
            {
                return;
            }

            partUrlIssued = true;
            if (state == CaptureStates.Uploading)
            {
                return;
            }

            Upload.CompleteWithoutParts();
            Uploaded = uploaded;
            Sid = NewSid();
            Announced = state != CaptureStates.Processing;
            processingEndsAt = state == CaptureStates.Processing ? now + TimeSpan.FromDays(1) : uploaded;
            errorReason = state == CaptureStates.Failed ? reason ?? ErrorReasons.NotEnoughFrames : null;
        }
    }

    public void MarkDeleted()
    {
        lock (sync)
        {
            Deleted = true;
            processingTimer?.Dispose();
            processingTimer = null;
        }

        Upload.DeleteFiles();
    }

    public static string NewEid() => RandomText(12);

    private static string NewSid() => RandomText(33);

    private static string RandomText(int length)
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}
