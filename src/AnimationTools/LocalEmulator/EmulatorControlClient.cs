using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using Flurl.Http;

namespace AnimationTools.LocalEmulator
{
    /// <summary>Calls the emulator's control API (<c>/_emulator</c>, see docs/emulator.md).</summary>
    internal sealed class EmulatorControlClient
    {
        // Loopback only: no proxy, and no retries (the control API is local and never faulted), so not a service's
        // HttpPipeline; its answers are the control API's own, mapped below.
        static readonly IFlurlClient Http = new FlurlClient(new HttpClient(new HttpClientHandler { UseProxy = false }))
            .WithSettings(settings =>
            {
                settings.Timeout = TimeSpan.FromSeconds(30);
                settings.AllowedHttpStatusRange = "*";
            });

        readonly AnimationEmulator _emulator;

        public EmulatorControlClient(AnimationEmulator emulator)
        {
            _emulator = emulator;
        }

        public Task ResetAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, Request("reset"), null, cancellationToken);

        public async Task<AnimationEmulatorFault> AddFaultAsync(FaultDefinition fault, CancellationToken cancellationToken)
        {
            var answer = await SendAsync(HttpMethod.Post, Request("faults"), fault.ToJson(), cancellationToken).ConfigureAwait(false);
            return fault.Registered((string)answer["id"]);
        }

        public async Task<IReadOnlyList<AnimationEmulatorFault>> ListFaultsAsync(CancellationToken cancellationToken)
        {
            var answer = await SendAsync(HttpMethod.Get, Request("faults"), null, cancellationToken).ConfigureAwait(false);
            return answer.AsArray().Select(item => AnimationEmulatorFault.FromJson(item.AsObject())).ToList();
        }

        public Task ClearFaultsAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, Request("faults"), null, cancellationToken);

        /// <summary>False when no fault has that id (it was spent and removed, or never existed).</summary>
        public async Task<bool> RemoveFaultAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                await SendAsync(HttpMethod.Delete, Request("faults").AppendPathSegment(id, fullyEncode: true), null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (AnimationToolsException ex) when (ex.StatusCode == 404)
            {
                return false;
            }
        }

        /// <summary>A service hook such as <c>deepmotion/next-job</c>.</summary>
        public Task<JsonNode> PostHookAsync(string route, JsonObject body, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Post, Request(route), body, cancellationToken);

        public async Task<IReadOnlyList<AnimationEmulatorRequest>> ListRequestsAsync(string service, CancellationToken cancellationToken)
        {
            var request = Request("requests");
            if (service != null)
            {
                request.SetQueryParam("service", service);
            }
            var answer = await SendAsync(HttpMethod.Get, request, null, cancellationToken).ConfigureAwait(false);
            return answer.AsArray().Select(item => AnimationEmulatorRequest.FromJson(item.AsObject())).ToList();
        }

        public Task ClearRequestsAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, Request("requests"), null, cancellationToken);

        /// <summary>A request to a control route such as <c>faults</c> or <c>deepmotion/next-job</c> (our own constants).</summary>
        IFlurlRequest Request(string route) => Http.Request(_emulator.Control).AppendPathSegment(route);

        async Task<JsonNode> SendAsync(HttpMethod method, IFlurlRequest request, JsonObject body, CancellationToken cancellationToken)
        {
            if (_emulator.HasExited)
            {
                throw NotRunning("its process has ended");
            }
            var content = body == null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            IFlurlResponse response;
            try
            {
                response = await request.SendAsync(method, content, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (FlurlHttpTimeoutException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw NotRunning("its control API did not answer: " + ex.Message);
            }
            catch (FlurlHttpException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw NotRunning(ex.InnerException?.Message ?? ex.Message);
            }
            using (response)
            {
                var text = await response.GetStringAsync().ConfigureAwait(false);
                if (response.StatusCode < 200 || response.StatusCode > 299)
                {
                    var route = request.Url.Path.Substring(new Uri(_emulator.Control).AbsolutePath.Length).TrimStart('/');
                    throw new AnimationToolsException(EmulatorErrors.ControlRefused, ErrorCategory.InvalidArgument,
                        $"The emulator refused {method} {route}: {MessageOf(text) ?? response.StatusCode.ToString()}")
                    {
                        StatusCode = response.StatusCode,
                    };
                }
                return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            }
        }

        AnimationToolsException NotRunning(string why) =>
            new AnimationToolsException(EmulatorErrors.NotRunning, ErrorCategory.ConnectionError,
                $"The emulator at {_emulator.BaseUrl} is not running ({why}): start one with Start-AnimationEmulator.");

        static string MessageOf(string body)
        {
            try
            {
                return JsonNode.Parse(body)?["message"]?.GetValue<string>();
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                return string.IsNullOrWhiteSpace(body) ? null : body.Trim();
            }
        }
    }
}
