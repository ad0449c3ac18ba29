using System.Collections.Generic;
using System.Linq;
using System.Security;
using AnimationTools.Core.Sessions;
using AnimationTools.Core.Webhooks;

namespace AnimationTools.DeepMotion.Webhooks
{
    /// <summary>The secret URL tokens a session registered or learned; receivers require one of them when any exist.</summary>
    sealed class WebhookTokenSet
    {
        readonly object _gate = new object();
        readonly HashSet<string> _tokens = new HashSet<string>();

        public void Remember(string token)
        {
            lock (_gate)
            {
                _tokens.Add(token);
            }
        }

        public string[] Snapshot()
        {
            lock (_gate)
            {
                return _tokens.ToArray();
            }
        }

        /// <summary>Plain values of tokens given as -Token, for comparison only.</summary>
        public static string[] Reveal(SecureString[] tokens)
        {
            return (tokens ?? new SecureString[0]).Select(t => new ClientCredential("token", t).RevealSecret()).ToArray();
        }

        public static bool Matches(IEnumerable<string> tokens, string candidate)
        {
            var match = false;
            foreach (var token in tokens)
            {
                // Compare with every token, so the time taken does not tell which one (or whether any) matched.
                match |= ConstantTime.Equals(token, candidate ?? "");
            }
            return match;
        }
    }
}
