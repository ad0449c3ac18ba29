// The session store is process-wide, as it is in a PowerShell session: tests run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
