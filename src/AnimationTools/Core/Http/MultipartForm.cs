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
    /// A <c>multipart/form-data</c> body described once and built anew for every attempt (ApiRequest.Content), with
    /// parts shaped as curl <c>-F</c> and Python requests send them: quoted names, no content type on text fields,
    /// a file name and a media type on files, which stream from disk with progress.
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
                var length = new FileInfo(path).Length;
                progress?.Set(0);
                var content = new StreamContent(new FileSliceStream(path, 0, length, bytes => progress?.Add(bytes)), 81920);
                content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name), FileName = Quote(Path.GetFileName(path)) };
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                content.Headers.ContentLength = length;
                return content;
            });
            return this;
        }

        /// <summary>A fresh body: call once per attempt.</summary>
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
