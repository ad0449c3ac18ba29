namespace AnimationTools.Emulator.DeepMotion;

/// <summary>Credit balance of each client account; an account opens with the configured initial credits.</summary>
internal sealed class AccountBook(EmulatorOptions options)
{
    private readonly object sync = new();
    private readonly Dictionary<string, double> balances = new(StringComparer.Ordinal);
    private double? overriddenBalance;

    public double Balance(string clientId)
    {
        lock (sync)
        {
            return BalanceLocked(clientId);
        }
    }

    public void Charge(string clientId, double credits)
    {
        lock (sync)
        {
            balances[clientId] = BalanceLocked(clientId) - credits;
        }
    }

    /// <summary>Sets the balance of every account, including accounts not used yet.</summary>
    public void SetAll(double credits)
    {
        lock (sync)
        {
            overriddenBalance = credits;
            balances.Clear();
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            overriddenBalance = null;
            balances.Clear();
        }
    }

    private double BalanceLocked(string clientId) =>
        balances.TryGetValue(clientId, out var balance) ? balance : overriddenBalance ?? options.InitialCredits;
}
