// One server and one browser for the whole assembly (WebCollection); Hangfire's JobStorage.Current is static.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
