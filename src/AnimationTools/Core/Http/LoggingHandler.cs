using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Cmdlets;
using AnimationTools.Core.Errors;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// The innermost handler, so it shows each attempt as it goes on the wire: the request with its headers on the
    /// debug stream, the answer's status and duration on the verbose stream. Secret headers are masked, and URLs and
    /// values pass through <see cref="Redactor"/> with the authenticator's live secrets.
    /// </summary>
    sealed class LoggingHandler : DelegatingHandler
    {
        readonly HttpPipeline _pipeline;

        public LoggingHandler(HttpPipeline pipeline)
        {
            _pipeline = pipeline;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var streams = OperationStreams.Current;
            var target = $"{_pipeline.Service}: {request.Method} {_pipeline.Describe(request.RequestUri)}";
            streams.Debug(DescribeWithHeaders(target, request));
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                streams.Verbose($"{target} -> {(int)response.StatusCode} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms)");
                return response;
            }
            catch (HttpRequestException ex)
            {
                streams.Verbose($"{target} failed after {watch.ElapsedMilliseconds} ms: {_pipeline.Redact(ex.Message)}");
                throw;
            }
        }

        string DescribeWithHeaders(string target, HttpRequestMessage request)
        {
            var text = new StringBuilder(target);
            var headers = request.Headers.AsEnumerable();
            if (request.Content != null)
            {
                headers = headers.Concat(request.Content.Headers);
            }
            foreach (var header in headers)
            {
                var value = Redactor.IsSensitiveHeader(header.Key) ? Redactor.Mask : _pipeline.Redact(string.Join(", ", header.Value));
                text.Append("\n  ").Append(header.Key).Append(": ").Append(value);
            }
            return text.ToString();
        }
    }
}
