using System.Collections.Generic;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>
    /// The last <c>capacity</c> keys seen (event bodies' hashes, remote ids), for telling a replay from a first
    /// delivery without growing forever: the oldest key is forgotten first.
    /// </summary>
    public sealed class RecentKeys
    {
        readonly object _gate = new object();
        readonly HashSet<string> _keys = new HashSet<string>();
        readonly Queue<string> _order = new Queue<string>();
        readonly int _capacity;

        public RecentKeys(int capacity)
        {
            _capacity = capacity;
        }

        /// <summary>Remembers a key; false when it was already known.</summary>
        public bool Add(string key)
        {
            lock (_gate)
            {
                if (!_keys.Add(key))
                {
                    return false;
                }
                _order.Enqueue(key);
                while (_order.Count > _capacity)
                {
                    _keys.Remove(_order.Dequeue());
                }
                return true;
            }
        }

        /// <summary>Forgets a key at once (its delivery did not go through after all).</summary>
        public void Forget(string key)
        {
            lock (_gate)
            {
                _keys.Remove(key);
            }
        }

        public bool Contains(string key)
        {
            lock (_gate)
            {
                return _keys.Contains(key);
            }
        }
    }
}
