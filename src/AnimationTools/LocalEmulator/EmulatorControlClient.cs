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

namespace AnimationTools.LocalEmulator
{
    /// <summary>Calls the emulator's control API (<c>/_emulator</c>, see docs/emulator.md).</summary>
    internal sealed class EmulatorControlClient
    {
        // Loopback only: no proxy, and no retries (the control API is local and never faulted).
        static readonly HttpClient Http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

        readonly AnimationEmulator _emulator;

        public EmulatorControlClient(AnimationEmulator emulator)
        {
            _emulator = emulator;
        }

        public Task ResetAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, "reset", null, cancellationToken);

        public async Task<AnimationEmulatorFault> AddFaultAsync(FaultDefinition fault, CancellationToken cancellationToken)
        {
            var answer = await SendAsync(HttpMethod.Post, "faults", fault.ToJson(), cancellationToken).ConfigureAwait(false);
            return fault.Registered((string)answer["id"]);
        }

        public async Task<IReadOnlyList<AnimationEmulatorFault>> ListFaultsAsync(CancellationToken cancellationToken)
        {
            var answer = await SendAsync(HttpMethod.Get, "faults", null, cancellationToken).ConfigureAwait(false);
            return answer.AsArray().Select(item => AnimationEmulatorFault.FromJson(item.AsObject())).ToList();
        }

        public Task ClearFaultsAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, "faults", null, cancellationToken);

        /// <summary>False when no fault has that id (it was spent and removed, or never existed).</summary>
        public async Task<bool> RemoveFaultAsync(string id, CancellationToken cancellationToken)
        {
            try
            {
                await SendAsync(HttpMethod.Delete, "faults/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (AnimationToolsException ex) when (ex.StatusCode == 404)
            {
                return false;
            }
        }

        /// <summary>A service hook such as <c>deepmotion/next-job</c>.</summary>
        public Task<JsonNode> PostHookAsync(string route, JsonObject body, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Post, route, body, cancellationToken);

        public async Task<IReadOnlyList<AnimationEmulatorRequest>> ListRequestsAsync(string service, CancellationToken cancellationToken)
        {
            var route = service == null ? "requests" : "requests?service=" + Uri.EscapeDataString(service);
            var answer = await SendAsync(HttpMethod.Get, route, null, cancellationToken).ConfigureAwait(false);
            return answer.AsArray().Select(item => AnimationEmulatorRequest.FromJson(item.AsObject())).ToList();
        }

        public Task ClearRequestsAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, "requests", null, cancellationToken);

        async Task<JsonNode> SendAsync(HttpMethod method, string route, JsonObject body, CancellationToken cancellationToken)
        {
            if (_emulator.HasExited)
            {
                throw NotRunning("its process has ended");
            }
            using (var request = new HttpRequestMessage(method, _emulator.Control + "/" + route))
            {
                if (body != null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }
                HttpResponseMessage response;
                try
                {
                    response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw NotRunning(ex.Message);
                }
                catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw NotRunning("its control API did not answer: " + ex.Message);
                }
                using (response)
                {
                    var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new AnimationToolsException(EmulatorErrors.ControlRefused, ErrorCategory.InvalidArgument,
                            $"The emulator refused {method} {route}: {MessageOf(text) ?? ((int)response.StatusCode).ToString()}")
                        {
                            StatusCode = (int)response.StatusCode,
                        };
                    }
                    return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
                }
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
