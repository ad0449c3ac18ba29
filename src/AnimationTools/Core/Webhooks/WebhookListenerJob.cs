using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// A PowerShell job that receives webhooks on an HTTP prefix: it bounds the body size, verifies each event before
    /// anything else, answers the sender at once, and hands accepted events through a bounded queue to the job's
    /// output and to a callback. Rejected requests become typed errors in the job's error stream. Stop-Job closes it.
    /// </summary>
    public sealed class WebhookListenerJob : ServiceJob
    {
        readonly HttpListener _listener = new HttpListener();
        readonly IWebhookVerifier _verifier;
        readonly Func<object, bool> _onEvent;
        readonly Action _onStopped;
        readonly BlockingCollection<object> _queue;

        public WebhookListenerJob(string prefix, IWebhookVerifier verifier, Func<object, bool> onEvent, Action onStopped, int queueLimit, string command)
            : base(command, "WebhookListener " + prefix, prefix)
        {
            Prefix = prefix;
            _verifier = verifier;
            _onEvent = onEvent;
            _onStopped = onStopped;
            _queue = new BlockingCollection<object>(queueLimit);
            _listener.Prefixes.Add(prefix);
        }

        /// <summary>The HTTP prefix listened on, e.g. http://127.0.0.1:8080/.</summary>
        public string Prefix { get; }

        /// <summary>Events accepted so far.</summary>
        public int Accepted { get; private set; }

        /// <summary>Requests rejected so far (bad signature or token, oversized, malformed).</summary>
        public int Rejected { get; private set; }

        /// <summary>Opens the listener; throws when the prefix cannot be bound.</summary>
        public void Open()
        {
            _listener.Start();
            SetStatus("Listening on " + Prefix);
            Task.Run(AcceptLoopAsync);
            Task.Run(DispatchLoop);
        }

        async Task AcceptLoopAsync()
        {
            while (!Stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (Stopping.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                _ = Task.Run(() => Handle(context));
            }
        }

        void Handle(HttpListenerContext context)
        {
            var status = 200;
            try
            {
                if (context.Request.HttpMethod != "POST")
                {
                    status = 405;
                    return;
                }
                var body = ReadBody(context.Request);
                if (body == null)
                {
                    status = 413;
                    Reject(new AnimationToolsException("AnimationTools.Webhook.BodyTooLarge", ErrorCategory.LimitsExceeded,
                        $"A webhook body larger than {_verifier.MaxBodyBytes} bytes was refused."));
                    return;
                }
                var headers = context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k, k => context.Request.Headers[k]);
                var received = new ReceivedWebhook(body, headers, context.Request.Url);
                object evt;
                try
                {
                    evt = _verifier.Verify(received);
                }
                catch (AnimationToolsException ex)
                {
                    status = ex.Category == ErrorCategory.SecurityError ? 401 : 400;
                    Reject(ex);
                    return;
                }
                if (!_queue.TryAdd(evt))
                {
                    // Full: make the sender retry later rather than lose the event.
                    status = 503;
                    return;
                }
                Accepted++;
            }
            catch (Exception)
            {
                status = 500;
            }
            finally
            {
                try
                {
                    context.Response.StatusCode = status;
                    context.Response.ContentLength64 = 0;
                    context.Response.Close();
                }
                catch (Exception)
                {
                }
            }
        }

        string ReadBody(HttpListenerRequest request)
        {
            var limit = _verifier.MaxBodyBytes;
            if (request.ContentLength64 > limit)
            {
                return null;
            }
            using (var memory = new MemoryStream())
            {
                var buffer = new byte[8192];
                int read;
                while ((read = request.InputStream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (memory.Length + read > limit)
                    {
                        return null;
                    }
                    memory.Write(buffer, 0, read);
                }
                return Encoding.UTF8.GetString(memory.ToArray());
            }
        }

        void Reject(AnimationToolsException error)
        {
            Rejected++;
            Error.Add(error.ToErrorRecord());
        }

        void DispatchLoop()
        {
            try
            {
                foreach (var evt in _queue.GetConsumingEnumerable(Stopping))
                {
                    Output.Add(PSObject.AsPSObject(evt));
                    try
                    {
                        _onEvent?.Invoke(evt);
                    }
                    catch (Exception ex)
                    {
                        Warning.Add(new WarningRecord("Handling a webhook event failed: " + ex.Message));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        protected override void OnStopped()
        {
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
            _onStopped?.Invoke();
        }
    }
}
