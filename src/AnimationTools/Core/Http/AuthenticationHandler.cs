using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Signs each attempt with the session's <see cref="IRequestAuthenticator"/>, but only requests to the session's
    /// own URLs (<see cref="HttpPipeline.IsOwnUrl"/>): a followed redirect or Link header to another host never gets
    /// our cookie or token. On 401 it logs in again and replays the request once; the login generation lets
    /// concurrent requests that all got 401 share one new login.
    /// </summary>
    sealed class AuthenticationHandler : DelegatingHandler
    {
        readonly HttpPipeline _pipeline;

        public AuthenticationHandler(HttpPipeline pipeline)
        {
            _pipeline = pipeline;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!RequestPolicy.Of(request).Authenticate || !_pipeline.IsOwnUrl(request.RequestUri))
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var authenticator = _pipeline.Authenticator;
            var generation = await authenticator.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            // The login (cookie, token) expired or was revoked: log in again and replay the request once.
            response.Dispose();
            await authenticator.RenewAsync(generation, cancellationToken).ConfigureAwait(false);
            await authenticator.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
