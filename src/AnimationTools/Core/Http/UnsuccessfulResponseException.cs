using System;
using System.Net.Http;

namespace AnimationTools.Core.Http
{
    /// <summary>
    /// Carries an answer the classifier called a failure out of the handlers to <see cref="FailureMapping"/>, which turns
    /// it into the service's typed error. Never seen outside the pipeline.
    /// </summary>
    sealed class UnsuccessfulResponseException : Exception
    {
        public UnsuccessfulResponseException(HttpResponseMessage response)
            : base($"The service answered {(int)response.StatusCode} {response.ReasonPhrase}.")
        {
            Response = response;
        }

        public HttpResponseMessage Response { get; }
    }
}
