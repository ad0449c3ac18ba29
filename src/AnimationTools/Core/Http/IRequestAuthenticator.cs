using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// How a service signs its requests; each service has one (cookie session, bearer token, API key ...). The
    /// pipeline's <see cref="AuthenticationHandler"/> calls it for the session's own URLs only.
    /// </summary>
    public interface IRequestAuthenticator
    {
        /// <summary>
        /// Signs a request, logging in first when there is no valid credential yet, and returns the login generation used.
        /// It sets its headers rather than adding them: the same message is signed again for a retry or the replay after a 401.
        /// </summary>
        Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

        /// <summary>Logs in again unless another caller already did since <paramref name="failedGeneration"/>.</summary>
        Task RenewAsync(int failedGeneration, CancellationToken cancellationToken);

        /// <summary>Current secret values (cookie, token) that must be masked wherever text is written.</summary>
        string[] SecretsToRedact { get; }
    }

    /// <summary>For services or requests that need no signature.</summary>
    public sealed class AnonymousAuthenticator : IRequestAuthenticator
    {
        public static readonly AnonymousAuthenticator Instance = new AnonymousAuthenticator();

        public Task<int> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task RenewAsync(int failedGeneration, CancellationToken cancellationToken) => Task.CompletedTask;

        public string[] SecretsToRedact => new string[0];
    }
}
