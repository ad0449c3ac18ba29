using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using AnimationTools.Core.Transfer;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// A <c>multipart/form-data</c> body with parts shaped as curl <c>-F</c> and Python requests send them: quoted
    /// names, no content type on text fields, a file name and a media type on files. Files stream from disk with
    /// progress and are opened anew whenever the body is sent again, and the body has a known length.
    /// </summary>
    public sealed class MultipartForm
    {
        readonly List<Func<HttpContent>> _parts = new List<Func<HttpContent>>();

        /// <summary>Adds a text field (JSON-valued fields are text too).</summary>
        public MultipartForm Add(string name, string value)
        {
            _parts.Add(() =>
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(value ?? ""));
                content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
                return content;
            });
            return this;
        }

        /// <summary>Adds a text field only when it has a value.</summary>
        public MultipartForm AddIfPresent(string name, string value) => value == null ? this : Add(name, value);

        /// <summary>Adds a file field streamed from disk; <paramref name="progress"/> sees every byte sent.</summary>
        public MultipartForm AddFile(string name, string path, string mediaType, TransferProgress progress = null)
        {
            _parts.Add(() =>
            {
                var content = FileRangeContent.Whole(path, progress);
                content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name), FileName = Quote(Path.GetFileName(path)) };
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return content;
            });
            return this;
        }

        /// <summary>The body of one request (it may be sent several times).</summary>
        public HttpContent Build()
        {
            var body = new MultipartFormDataContent("----AnimationTools" + Guid.NewGuid().ToString("N"));
            foreach (var part in _parts)
            {
                body.Add(part());
            }
            return body;
        }

        static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
