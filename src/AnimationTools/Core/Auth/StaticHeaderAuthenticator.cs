using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Sessions;

namespace AnimationTools.Core.Auth
{
    /// <summary>
    /// Signs every request with fixed headers whose values are secrets (an API key: Hour One's <c>api-key</c>, Danim's
    /// key header ...). There is no login: a 401 cannot be cured by renewing, so <see cref="RenewAsync"/> does nothing
    /// and the service's error mapper turns the 401 into an authentication error.
    /// </summary>
    public sealed class StaticHeaderAuthenticator : Http.IRequestAuthenticator
    {
        readonly IReadOnlyList<KeyValuePair<string, ClientCredential>> _headers;

        /// <summary>One header per entry: its name, and the credential whose secret is its value.</summary>
        public StaticHeaderAuthenticator(params KeyValuePair<string, ClientCredential>[] headers)
        {
            _headers = headers.ToList();
        }

        public StaticHeaderAuthenticator(string headerName, ClientCredential value)
            : this(new KeyValuePair<string, ClientCredential>(headerName, value))
        {
        }

        /// <summary>The names of the headers this authenticator sets (their values are never shown).</summary>
        public IEnumerable<string> HeaderNames => _headers.Select(h => h.Key);

        public string[] SecretsToRedact => _headers.Select(h => h.Value.RevealSecret()).ToArray();

        public Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var header in _headers)
            {
                request.Headers.Remove(header.Key);
                request.Headers.TryAddWithoutValidation(header.Key, header.Value.RevealSecret());
            }
            return Task.FromResult(0);
        }

        public Task RenewAsync(int failedGeneration, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
