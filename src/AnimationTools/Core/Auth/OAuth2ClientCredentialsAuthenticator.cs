using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using AnimationTools.Core.Errors;
using AnimationTools.Core.Http;
using AnimationTools.Core.Sessions;
using Flurl.Http;

namespace AnimationTools.Core.Auth
{
    /// <summary>How the client authenticates itself at the token endpoint (RFC 6749 §2.3.1).</summary>
    public enum ClientAuthentication
    {
        /// <summary>HTTP Basic with client id and secret (what curl's <c>--user</c> does).</summary>
        Basic,

        /// <summary><c>client_id</c> and <c>client_secret</c> in the request body.</summary>
        Form,
    }

    /// <summary>How the token request's fields are encoded.</summary>
    public enum TokenRequestFormat
    {
        /// <summary><c>application/x-www-form-urlencoded</c>, as RFC 6749 §4.4.2 says.</summary>
        Form,

        /// <summary>A JSON object with the same fields, which some services (Varjo Teleport) document instead.</summary>
        Json,
    }

    /// <summary>
    /// OAuth2 client-credentials grant (RFC 6749 §4.4): gets a bearer token from the token endpoint, signs requests
    /// with it, and gets a new one shortly before it expires (this grant has no refresh token) or after a 401.
    /// </summary>
    public sealed class OAuth2ClientCredentialsAuthenticator : IRequestAuthenticator
    {
        /// <summary>Renew when this share of the token's lifetime is left (at most <see cref="MaxRenewalMargin"/>).</summary>
        const double RenewalShare = 0.1;

        static readonly TimeSpan MaxRenewalMargin = TimeSpan.FromMinutes(5);

        readonly HttpPipeline _http;
        readonly string _tokenUrl;
        readonly ClientCredential _credential;
        readonly ClientAuthentication _clientAuthentication;
        readonly string _scope;
        readonly TokenRequestFormat _format;
        readonly SemaphoreSlim _login = new SemaphoreSlim(1, 1);
        string _token;
        string _tokenType = "Bearer";
        DateTimeOffset _renewAt;
        int _generation;

        public OAuth2ClientCredentialsAuthenticator(HttpPipeline http, string tokenUrl, ClientCredential credential,
            ClientAuthentication clientAuthentication = ClientAuthentication.Basic, string scope = null, TokenRequestFormat format = TokenRequestFormat.Form)
        {
            _http = http;
            _tokenUrl = tokenUrl;
            _credential = credential;
            _clientAuthentication = clientAuthentication;
            _scope = scope;
            _format = format;
        }

        /// <summary>When the current token expires (null before the first one).</summary>
        public DateTimeOffset? Expires { get; private set; }

        /// <summary>The token endpoint (absolute, or a path under the session's endpoint).</summary>
        public string TokenUrl => _tokenUrl;

        /// <summary>Tokens obtained so far by this authenticator.</summary>
        public int TokensObtained => _generation;

        public string[] SecretsToRedact => new[] { _token };

        public async Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_token == null || DateTimeOffset.UtcNow >= _renewAt)
            {
                await RenewAsync(_generation, cancellationToken).ConfigureAwait(false);
            }
            request.Headers.Authorization = new AuthenticationHeaderValue(_tokenType, _token);
            return _generation;
        }

        public async Task RenewAsync(int failedGeneration, CancellationToken cancellationToken)
        {
            await _login.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another request renewed it meanwhile, and that token is not yet due for renewal.
                if (_generation != failedGeneration && _token != null && DateTimeOffset.UtcNow < _renewAt)
                {
                    return;
                }
                await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
                _generation++;
            }
            finally
            {
                _login.Release();
            }
        }

        async Task RequestTokenAsync(CancellationToken cancellationToken)
        {
            var service = _http.Service;
            var fields = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
            if (!string.IsNullOrEmpty(_scope))
            {
                fields["scope"] = _scope;
            }
            var request = _http.Request(_tokenUrl).WithoutAuthentication().WithHeader("Accept", "application/json");
            if (_clientAuthentication == ClientAuthentication.Form)
            {
                fields["client_id"] = _credential.ClientId;
                fields["client_secret"] = _credential.RevealSecret();
            }
            else
            {
                // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined. This is the one place where we
                // encode by hand: Flurl builds our URLs, but a Basic credential is not part of one.
                var pair = Uri.EscapeDataString(_credential.ClientId) + ":" + Uri.EscapeDataString(_credential.RevealSecret());
                request.WithHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            }
            TokenResponse answer;
            var requestedAt = DateTimeOffset.UtcNow;
            try
            {
                var posted = _format == TokenRequestFormat.Json
                    ? request.PostJsonAsync(fields, cancellationToken: cancellationToken)
                    : request.PostUrlEncodedAsync(fields, cancellationToken: cancellationToken);
                answer = await posted.ReceiveJson<TokenResponse>().ConfigureAwait(false);
            }
            catch (AnimationToolsException ex) when (ex.StatusCode == 400 || ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                throw new AnimationToolsException(service + ".AuthenticationFailed", ErrorCategory.AuthenticationError,
                    $"{service} refused a token for the client id '{_credential.ClientId}' ({ex.StatusCode}): {ex.Message}", ex)
                {
                    StatusCode = ex.StatusCode,
                    RecommendedAction = "Check the client id and secret, and that the application uses the client-credentials grant, then connect again.",
                };
            }
            if (string.IsNullOrEmpty(answer.AccessToken))
            {
                throw new AnimationToolsException(service + ".AuthenticationFailed", ErrorCategory.AuthenticationError, $"{service} answered the token request without an access token.");
            }

            _token = answer.AccessToken;
            _tokenType = string.IsNullOrEmpty(answer.TokenType) || answer.TokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : answer.TokenType;
            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn > 0 ? answer.ExpiresIn : 3600);
            Expires = requestedAt + lifetime;
            var margin = TimeSpan.FromTicks(Math.Min((long)(lifetime.Ticks * RenewalShare), MaxRenewalMargin.Ticks));
            _renewAt = Expires.Value - margin;
        }

        sealed class TokenResponse
        {
            [JsonPropertyName("access_token"), JsonRequired] public string AccessToken { get; set; }
            [JsonPropertyName("token_type")] public string TokenType { get; set; }
            [JsonPropertyName("expires_in")] public double ExpiresIn { get; set; }
        }
    }
}
