using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Jobs;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// A PowerShell job that receives webhooks on an HTTP prefix. Deliveries are handled concurrently (up to
    /// <see cref="MaxConcurrentDeliveries"/>, more get 503), each read asynchronously under a deadline
    /// (<see cref="ReadTimeout"/> for the whole body) and a size cap, so a slow or oversized sender is cut off and its
    /// connection closed without holding up anyone else. The raw bytes are verified before anything reads them; an
    /// accepted event is answered at once and handed through a bounded queue to the session (which decides whether it
    /// is new) and to the job's output. A replay of a body already accepted is answered 200 and dropped. Rejected
    /// requests become typed errors in the job's error stream. Stop-Job closes it.
    /// </summary>
    public sealed class WebhookListenerJob : ServiceJob
    {
        /// <summary>Deliveries read at the same time; a sender beyond that is answered 503 (it retries later).</summary>
        public const int MaxConcurrentDeliveries = 256;

        readonly HttpListener _listener = new HttpListener();
        readonly IWebhookVerifier _verifier;
        readonly Func<object, bool> _onEvent;
        readonly Action _onStopped;
        readonly BlockingCollection<object> _queue;
        readonly SemaphoreSlim _slots = new SemaphoreSlim(MaxConcurrentDeliveries);
        readonly RecentKeys _acceptedBodies = new RecentKeys(4096);
        int _accepted;
        int _rejected;
        int _replayed;

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

        /// <summary>The prefix listened on: what tells one listener from another in the job table.</summary>
        public override string RemoteId => Prefix;

        /// <summary>
        /// The time a sender has to deliver a whole body once its headers arrived (default 5 s); a slower one is
        /// answered 408 and its connection closed.
        /// </summary>
        public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Events accepted so far (replays included).</summary>
        public int Accepted => _accepted;

        /// <summary>Requests rejected so far (bad signature or token, oversized, too slow, malformed).</summary>
        public int Rejected => _rejected;

        /// <summary>Accepted events dropped as replays of an event already passed on.</summary>
        public int Replayed => _replayed;

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
                if (!_slots.Wait(0))
                {
                    // Full: answering now keeps the accept loop free; the sender retries later.
                    Answer(context, 503);
                    continue;
                }
                _ = HandleAsync(context);
            }
        }

        async Task HandleAsync(HttpListenerContext context)
        {
            var status = 200;
            try
            {
                var isGet = context.Request.HttpMethod == "GET" && _verifier is IAcceptsGetWebhooks;
                if (context.Request.HttpMethod != "POST" && !isGet)
                {
                    status = 405;
                    return;
                }
                var read = await ReadBodyAsync(context).ConfigureAwait(false);
                if (read.Outcome == ReadOutcome.TooLarge)
                {
                    status = 413;
                    Reject(new AnimationToolsException("AnimationTools.Webhook.BodyTooLarge", ErrorCategory.LimitsExceeded,
                        $"A webhook body larger than {_verifier.MaxBodyBytes} bytes was refused."));
                    return;
                }
                if (read.Outcome == ReadOutcome.TooSlow)
                {
                    status = 408;
                    Reject(new AnimationToolsException("AnimationTools.Webhook.ReadTimeout", ErrorCategory.OperationTimeout,
                        $"A webhook sender did not deliver its body within {ReadTimeout.TotalSeconds:0.#} s; its connection was closed."));
                    return;
                }
                if (read.Outcome == ReadOutcome.Broken)
                {
                    status = 400;
                    return;
                }
                var request = context.Request;
                var headers = request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k, k => request.Headers[k]);
                var received = new ReceivedWebhook(read.Body, headers, request.Url);
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
                // A GET has no body: what it delivers is its URL.
                var hash = isGet ? Hash(System.Text.Encoding.UTF8.GetBytes("GET " + request.Url)) : Hash(read.Body);
                if (!_acceptedBodies.Add(hash))
                {
                    // Delivered already: the sender did not see our answer. Acknowledge it again, pass nothing on.
                    Interlocked.Increment(ref _accepted);
                    Interlocked.Increment(ref _replayed);
                    return;
                }
                if (!_queue.TryAdd(evt))
                {
                    // Full: make the sender retry later rather than lose the event.
                    _acceptedBodies.Forget(hash);
                    status = 503;
                    return;
                }
                Interlocked.Increment(ref _accepted);
            }
            catch (Exception)
            {
                status = 500;
            }
            finally
            {
                _slots.Release();
                Answer(context, status);
            }
        }

        /// <summary>
        /// Reads the whole body under the deadline and the cap. HttpListener's reads do not honour cancellation, and a
        /// read pending on a closed connection may take long to fail, so the deadline does not wait for the read: it
        /// answers 408, closes the connection, and the delivery ends at once.
        /// </summary>
        async Task<BodyRead> ReadBodyAsync(HttpListenerContext context)
        {
            var limit = _verifier.MaxBodyBytes;
            var request = context.Request;
            if (request.ContentLength64 > limit)
            {
                return new BodyRead(ReadOutcome.TooLarge, null);
            }
            using (var deadline = new CancellationTokenSource())
            {
                var reading = ReadAllAsync(request.InputStream, limit);
                var expired = Task.Delay(ReadTimeout, deadline.Token);
                if (await Task.WhenAny(reading, expired).ConfigureAwait(false) == reading)
                {
                    deadline.Cancel();
                    return await reading.ConfigureAwait(false);
                }
                Answer(context, 408);
                // The abandoned read fails once the connection is gone; nobody waits for it.
                _ = reading.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                return new BodyRead(ReadOutcome.TooSlow, null);
            }
        }

        static async Task<BodyRead> ReadAllAsync(Stream body, int limit)
        {
            try
            {
                using (var memory = new MemoryStream())
                {
                    // No larger than the cap: a chunked body is handed over only when it fills the buffer.
                    var buffer = new byte[Math.Min(8192, limit + 1)];
                    int read;
                    while ((read = await body.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                    {
                        if (memory.Length + read > limit)
                        {
                            return new BodyRead(ReadOutcome.TooLarge, null);
                        }
                        memory.Write(buffer, 0, read);
                    }
                    return new BodyRead(ReadOutcome.Complete, memory.ToArray());
                }
            }
            catch (Exception ex) when (ex is IOException || ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return new BodyRead(ReadOutcome.Broken, null);
            }
        }

        /// <summary>Answers with an empty body and closes the connection (a second call, after a timeout, does nothing).</summary>
        static void Answer(HttpListenerContext context, int status)
        {
            lock (context)
            {
                try
                {
                    var response = context.Response;
                    response.StatusCode = status;
                    response.ContentLength64 = 0;
                    // Never keep a webhook connection: a closed one cannot trickle the next request, and Close then
                    // does not drain an unread body first.
                    response.KeepAlive = false;
                    response.Close();
                }
                catch (Exception)
                {
                }
            }
        }

        static string Hash(byte[] body)
        {
            using (var sha = SHA256.Create())
            {
                return Convert.ToBase64String(sha.ComputeHash(body));
            }
        }

        void Reject(AnimationToolsException error)
        {
            Interlocked.Increment(ref _rejected);
            Error.Add(error.ToErrorRecord());
        }

        void DispatchLoop()
        {
            try
            {
                foreach (var evt in _queue.GetConsumingEnumerable(Stopping))
                {
                    var isNew = true;
                    try
                    {
                        isNew = _onEvent?.Invoke(evt) ?? true;
                    }
                    catch (Exception ex)
                    {
                        Warning.Add(new WarningRecord("Handling a webhook event failed: " + ex.Message));
                    }
                    if (isNew)
                    {
                        Output.Add(PSObject.AsPSObject(evt));
                    }
                    else
                    {
                        Interlocked.Increment(ref _replayed);
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

        enum ReadOutcome
        {
            Complete,
            TooLarge,
            TooSlow,
            Broken,
        }

        struct BodyRead
        {
            public BodyRead(ReadOutcome outcome, byte[] body)
            {
                Outcome = outcome;
                Body = body;
            }

            public ReadOutcome Outcome { get; }

            public byte[] Body { get; }
        }
    }
}
