// Hangfire's JobStorage.Current is static, and the fault tests restart the process-wide PostgreSQL server:
// no two tests of this assembly may run at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
