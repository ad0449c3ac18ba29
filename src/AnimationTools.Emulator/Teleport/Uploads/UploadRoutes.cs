using System.Globalization;
using System.Text.Json;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// The API side of the multipart upload (§4.3, §4.4, §8): a pre-signed URL per part (asking again gives a fresh one),
/// and completion with the ordered list of part numbers and ETags, which starts processing.
/// </summary>
internal sealed class UploadRoutes(TeleportState state)
{
    public void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/api/v1/captures/{eid}/create-upload-url/{part_no}", CreateUrlAsync);
        api.MapPost("/api/v1/captures/{eid}/uploaded", CompleteAsync);
    }

    private async Task<IResult> CreateUrlAsync(string eid, string part_no, HttpContext context)
    {
        var errors = new List<ValidationError>();
        if (!int.TryParse(part_no, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var part))
        {
            errors.Add(new ValidationError(["path", "part_no"], "Input should be a valid integer, unable to parse string as an integer", "int_parsing"));
        }

        string? bodyEid = null;
        long? bytesize = null;
        try
        {
            var body = await RequestBody.ReadAsync(context.Request);
            bodyEid = body.String("eid", required: true);
            bytesize = body.Integer("bytesize", required: true);
            body.ThrowIfInvalid();
        }
        catch (ValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        if (errors.Count > 0)
        {
            return FastApi.Invalid(errors);
        }

        if (state.Visible(BearerGate.ClientOf(context), eid) is not { } capture)
        {
            return CaptureRoutes.CaptureNotFound();
        }

        var upload = capture.Upload;
        if (bodyEid != eid)
        {
            errors.Add(new ValidationError(["body", "eid"], "eid does not match the capture in the path", "value_error"));
        }

        if (bytesize != upload.Bytesize)
        {
            errors.Add(new ValidationError(["body", "bytesize"],
                $"bytesize must be the capture's total size given at creation ({upload.Bytesize}), not the part's", "value_error"));
        }

        if (!upload.HasPart(part))
        {
            errors.Add(new ValidationError(["path", "part_no"], $"part_no must be between 1 and {upload.NumParts} (parts are numbered from 1)", "value_error"));
        }

        if (errors.Count > 0)
        {
            return FastApi.Invalid(errors);
        }

        if (upload.Completed)
        {
            return FastApi.Detail(StatusCodes.Status409Conflict, "The upload of this capture is already complete");
        }

        capture.MarkUploading();
        upload.UrlIssued(part);
        var url = state.PartUrls.Issue(context, capture, part, state.Options.PartUrlLifetime);
        return FastApi.Json(new Dictionary<string, object>
        {
            ["eid"] = capture.Eid,
            ["upload_url"] = url,
            ["chunk_size"] = upload.ChunkSize,
        });
    }

    private async Task<IResult> CompleteAsync(string eid, HttpContext context)
    {
        string? bodyEid;
        List<(int Index, long? Number, string? Etag)> listed = [];
        try
        {
            var body = await RequestBody.ReadAsync(context.Request);
            bodyEid = body.String("eid", required: true);
            if (body.Array(body.Root, true, "body", "parts") is { } parts)
            {
                var index = 0;
                foreach (var item in parts.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        body.Add(new ValidationError(["body", "parts", index], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
                    }
                    else
                    {
                        listed.Add((index, body.Integer(item, true, "body", "parts", index, "number"), body.String(item, true, "body", "parts", index, "etag")));
                    }

                    index++;
                }
            }

            body.ThrowIfInvalid();
        }
        catch (ValidationException ex)
        {
            return ex.ToResult();
        }

        if (state.Visible(BearerGate.ClientOf(context), eid) is not { } capture)
        {
            return CaptureRoutes.CaptureNotFound();
        }

        if (bodyEid != eid)
        {
            return FastApi.Invalid(new ValidationError(["body", "eid"], "eid does not match the capture in the path", "value_error"));
        }

        var upload = capture.Upload;
        var etags = listed.Select(p => Unquote(p.Etag!)).ToList();
        if (upload.Completed)
        {
            // A repeat of the accepted completion (a client whose answer was lost) gets the capture again.
            return upload.CompletedEtags is { } accepted && accepted.SequenceEqual(etags, StringComparer.OrdinalIgnoreCase)
                && listed.Select(p => p.Number).SequenceEqual(Enumerable.Range(1, upload.NumParts).Select(n => (long?)n))
                ? FastApi.Json(CaptureDto.Of(context, capture, state.Clock.GetUtcNow(), false))
                : FastApi.Detail(StatusCodes.Status409Conflict, "The upload of this capture is already complete");
        }

        var errors = CheckParts(upload, listed);
        if (errors.Count > 0)
        {
            return FastApi.Invalid(errors);
        }

        if (!upload.Complete(etags))
        {
            return FastApi.Detail(StatusCodes.Status409Conflict, "The upload of this capture is already complete");
        }

        state.StartProcessing(capture);
        return FastApi.Json(CaptureDto.Of(context, capture, state.Clock.GetUtcNow(), false));
    }

    /// <summary>
    /// Every part exactly once, in ascending order, each uploaded and with the ETag S3 answered for its last complete
    /// PUT (quotes optional, compared without them). Every problem is reported, each at its place in the list.
    /// </summary>
    private static List<ValidationError> CheckParts(MultipartUpload upload, List<(int Index, long? Number, string? Etag)> listed)
    {
        var errors = new List<ValidationError>();
        var md5s = upload.Md5s();
        var seen = new HashSet<long>();
        long previous = 0;
        foreach (var (index, number, etag) in listed)
        {
            var n = number!.Value;
            if (n < 1 || n > upload.NumParts)
            {
                errors.Add(new ValidationError(["body", "parts", index, "number"], $"Part {n} does not exist: the parts are numbered 1 to {upload.NumParts}", "invalid_part"));
                continue;
            }

            if (!seen.Add(n))
            {
                errors.Add(new ValidationError(["body", "parts", index, "number"], $"Part {n} is listed more than once", "duplicate_part"));
                continue;
            }

            if (n < previous)
            {
                errors.Add(new ValidationError(["body", "parts", index, "number"], $"The parts must be listed in ascending order: part {n} comes after part {previous}", "invalid_part_order"));
            }

            previous = Math.Max(previous, n);
            if (md5s[(int)n - 1] is not { } md5)
            {
                errors.Add(new ValidationError(["body", "parts", index, "etag"], $"Part {n} has not been uploaded", "part_not_uploaded"));
            }
            else if (!string.Equals(Unquote(etag!), md5, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError(["body", "parts", index, "etag"], $"The ETag of part {n} does not match the ETag its upload answered", "invalid_etag"));
            }
        }

        foreach (var missing in Enumerable.Range(1, upload.NumParts).Where(n => !seen.Contains(n)))
        {
            errors.Add(new ValidationError(["body", "parts"], $"Part {missing} is missing: list every part from 1 to {upload.NumParts}", "missing_part"));
        }

        return errors;
    }

    private static string Unquote(string etag) => etag.Trim().Trim('"');
}
