using System.Collections.Generic;
using System.Linq;

namespace AnimationTools.Core.Sessions
{
    /// <summary>Process-wide store of sessions with one current session per service.</summary>
    public static class SessionStore
    {
        static readonly object Gate = new object();
        static readonly List<ServiceSession> Sessions = new List<ServiceSession>();
        static readonly Dictionary<string, ServiceSession> CurrentByService = new Dictionary<string, ServiceSession>(System.StringComparer.OrdinalIgnoreCase);

        public static void Add(ServiceSession session, bool makeCurrent = true)
        {
            lock (Gate)
            {
                Sessions.Add(session);
                if (makeCurrent)
                {
                    CurrentByService[session.Service] = session;
                }
            }
        }

        public static ServiceSession Current(string service)
        {
            lock (Gate)
            {
                return CurrentByService.TryGetValue(service, out var session) ? session : null;
            }
        }

        public static bool IsCurrent(ServiceSession session)
        {
            lock (Gate)
            {
                return CurrentByService.TryGetValue(session.Service, out var current) && ReferenceEquals(current, session);
            }
        }

        public static IReadOnlyList<ServiceSession> All()
        {
            lock (Gate)
            {
                return Sessions.ToList();
            }
        }

        /// <summary>Removes a session; when it was current, the newest remaining session of that service becomes current.</summary>
        public static bool Remove(ServiceSession session)
        {
            lock (Gate)
            {
                if (!Sessions.Remove(session))
                {
                    return false;
                }
                if (CurrentByService.TryGetValue(session.Service, out var current) && ReferenceEquals(current, session))
                {
                    CurrentByService.Remove(session.Service);
                    var next = Sessions.LastOrDefault(s => s.Service == session.Service);
                    if (next != null)
                    {
                        CurrentByService[session.Service] = next;
                    }
                }
            }
            session.Dispose();
            return true;
        }
    }
}
