namespace BlindSpot.Pipeline;

/// <summary>
/// The end of a run's phase that held much memory (a snapshot's parts, the ingest's registry and keys, training's
/// examples and learner data): what it held is let go before the next phase allocates, so that a first run's peak is
/// not the sum of its phases' garbage (ADR 0006, seventeenth pass).
/// </summary>
public static class PhaseEnd
{
    /// <summary>
    /// Continues on a fresh thread-pool stack, then starts a background collection of the whole heap.
    /// <para>
    /// The stack: an awaited method that finished on another thread (after a commit or a fit) runs its caller's
    /// continuation inside its own completion frames, so the finished method's locals, hoisted into its state machine,
    /// stay reachable until the caller next yields. A heap dump after a first run's ingest found ~185 MB of registry,
    /// keys and file batches reachable that way only; it lived through training.
    /// </para>
    /// <para>
    /// The collection: the collector schedules a full collection by what survived the last one, and that was measured
    /// while the phase held its data, so the phase's garbage stayed in the heap while the next phase allocated (a first
    /// run's peak came at the end of whichever phase had grown the heap most). In the background it runs beside the
    /// next phase, on the other core, and marks what is live then (13 MB after the ingest, ~135 MB of district after
    /// training).
    /// </para>
    /// </summary>
    public static async Task LetGoAsync()
    {
        await Task.Yield();
        GC.Collect(2, GCCollectionMode.Forced, blocking: false);
    }

    /// <summary>
    /// The end of a whole district's job on a national server, before it takes the next district: as
    /// <see cref="LetGoAsync"/>, but one blocking, compacting collection, since nothing of that district runs beside
    /// it (the jobs host's DistrictJob says why). Forced, not aggressive: the freed memory stays committed for the next
    /// district. Returns how long the collection paused the process.
    /// </summary>
    public static async Task<TimeSpan> LetGoOfDistrictAsync()
    {
        await Task.Yield();
        var paused = GC.GetTotalPauseDuration();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalPauseDuration() - paused;
    }
}
