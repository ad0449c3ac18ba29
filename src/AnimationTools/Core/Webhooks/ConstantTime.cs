using System.Text;

namespace AnimationTools.Core.Webhooks
{
    /// <summary>Comparison whose time does not depend on where two secrets differ.</summary>
    public static class ConstantTime
    {
        public static bool Equals(string expected, string actual)
        {
            if (expected == null || actual == null)
            {
                return false;
            }
            var a = Encoding.UTF8.GetBytes(expected);
            var b = Encoding.UTF8.GetBytes(actual);
            var difference = a.Length ^ b.Length;
            for (var i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ (i < b.Length ? b[i] : 0);
            }
            return difference == 0;
        }
    }
}
