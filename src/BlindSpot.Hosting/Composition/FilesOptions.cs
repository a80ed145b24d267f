using BlindSpot.Core.Files;
using Microsoft.Extensions.Configuration;

namespace BlindSpot.Hosting.Composition;

/// <summary>
/// The modes of the files and folders BlindSpot creates with personal data (docs/operations.md, "Files and their
/// modes"). Section "BlindSpot:Files".
/// </summary>
public sealed class FilesOptions
{
    public const string Section = "BlindSpot:Files";

    /// <summary>
    /// False (default): owner-only, files 0600 and folders 0700. True: files 0640 and folders 0750, so the members of
    /// the files' group (e.g. the office's staff group: the service user's primary group, or a set-group-ID data
    /// folder's group) may read the worklists, quarantine copies, store and logs, never change them.
    /// </summary>
    public bool GroupReadable { get; set; }

    /// <summary>
    /// Applies BlindSpot:Files to every file this process creates from now on (<see cref="PrivateFiles"/>). Called by
    /// the composition root and by the logging set-up, which creates the log folder before the container exists. A
    /// value that is not true or false changes nothing here: the start check reports it and the host stops (exit 2).
    /// </summary>
    public static void Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[BlindSpotKeys.FilesGroupReadable];
        if (value is null) PrivateFiles.GroupReadable = false;
        else if (bool.TryParse(value, out var on)) PrivateFiles.GroupReadable = on;
    }
}
