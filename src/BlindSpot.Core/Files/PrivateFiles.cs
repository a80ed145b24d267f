namespace BlindSpot.Core.Files;

/// <summary>
/// Files and folders that hold personal data (the SQLite store, worklists, quarantine copies, logs) are created
/// owner-only: files 0600, folders 0700; with <see cref="GroupReadable"/> (BlindSpot:Files:GroupReadable) the group
/// may read them too: files 0640, folders 0750. The mode is given to the operating system when the file or folder is
/// created and then set exactly (a strict umask such as 077 would otherwise take the group's bits away again), so it
/// never depends on the process's umask and is never wider than configured, not even for a moment. Folders that
/// already exist are left as they are: they belong to the operator.
/// </summary>
public static class PrivateFiles
{
    const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    // Process-wide like the umask it stands in for: set once at host start, before the first file (the log folder).
    static volatile bool groupReadable;

    /// <summary>
    /// False (the default): owner-only. True: the file's group may read (never write): the service user's primary
    /// group, or the folder's group when the operator made it set-group-ID (<c>chmod g+s</c>), which new folders keep.
    /// Set by the hosts from BlindSpot:Files:GroupReadable (docs/operations.md, "Files and their modes").
    /// </summary>
    public static bool GroupReadable
    {
        get => groupReadable;
        set => groupReadable = value;
    }

    /// <summary>rw------- (owner only), or rw-r----- with <see cref="GroupReadable"/>.</summary>
    public static UnixFileMode FileMode => groupReadable ? OwnerFile | UnixFileMode.GroupRead : OwnerFile;

    /// <summary>rwx------ (owner only), or rwxr-x--- with <see cref="GroupReadable"/>.</summary>
    public static UnixFileMode FolderMode =>
        groupReadable ? OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute : OwnerFolder;

    /// <summary>Creates <paramref name="path"/> and every missing parent with <see cref="FolderMode"/>.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: missing parents would get the umask's.
        var missing = new Stack<string>();
        for (var d = Path.GetFullPath(path); !string.IsNullOrEmpty(d) && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            missing.Push(d);
        var mode = FolderMode;
        while (missing.TryPop(out var d))
        {
            Directory.CreateDirectory(d, mode);
            // The umask may have taken bits away; the set-group-ID bit a folder inherits from its parent is kept.
            File.SetUnixFileMode(d, mode | (File.GetUnixFileMode(d) & UnixFileMode.SetGroup));
        }
        return new DirectoryInfo(path);
    }

    /// <summary>Creates the folder that will hold <paramref name="filePath"/> (<see cref="FolderMode"/> where it is missing).</summary>
    public static void CreateParent(string filePath)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (!string.IsNullOrEmpty(parent)) CreateDirectory(parent);
    }

    /// <summary>
    /// A new, empty file open for writing, created with <see cref="FileMode"/> (its folder too). A file already at that
    /// name is deleted first: opening it with FileMode.Create would keep its old, perhaps wider, mode.
    /// </summary>
    public static FileStream Create(string path, FileOptions options = FileOptions.None)
    {
        CreateParent(path);
        File.Delete(path);
        var mode = FileMode;
        var stream = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = options,
        };
        if (OperatingSystem.IsWindows()) return new FileStream(path, stream);
        stream.UnixCreateMode = mode;
        var file = new FileStream(path, stream);
        File.SetUnixFileMode(file.SafeFileHandle, mode);
        return file;
    }

    /// <summary>Creates an empty file with <see cref="FileMode"/> if nothing is there (a SQLite store: SQLite gives its -wal and -shm files the database file's mode).</summary>
    public static void Touch(string path)
    {
        CreateParent(path);
        var stream = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        var mode = FileMode;
        if (!OperatingSystem.IsWindows()) stream.UnixCreateMode = mode;
        try
        {
            using var file = new FileStream(path, stream);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, mode);
        }
        catch (IOException) when (File.Exists(path))
        {
            // created meanwhile by another process: its creator gave it the same mode
        }
    }
}
