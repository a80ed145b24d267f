namespace BlindSpot.Core.Files;

/// <summary>
/// Files and folders that hold personal data (the SQLite store, worklists, quarantine copies, logs) are created
/// owner-only: files 0600, folders 0700. The mode is given to the operating system when the file or folder is
/// created (never widened by a later chmod), so it does not depend on the process's umask being strict; a umask can
/// only take bits away. Folders that already exist are left as they are: they belong to the operator.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw------- : only the owner reads and writes.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ : only the owner lists and enters.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and every missing parent with mode 0700.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: missing parents would get the umask's.
        var missing = new Stack<string>();
        for (var d = Path.GetFullPath(path); !string.IsNullOrEmpty(d) && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            missing.Push(d);
        while (missing.TryPop(out var d)) Directory.CreateDirectory(d, FolderMode);
        return new DirectoryInfo(path);
    }

    /// <summary>Creates the folder that will hold <paramref name="filePath"/> (0700 where it is missing).</summary>
    public static void CreateParent(string filePath)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (!string.IsNullOrEmpty(parent)) CreateDirectory(parent);
    }

    /// <summary>
    /// A new, empty file open for writing, created 0600 (its folder too, 0700). A file already at that name is deleted
    /// first: opening it with FileMode.Create would keep its old, perhaps wider, mode.
    /// </summary>
    public static FileStream Create(string path, FileOptions options = FileOptions.None)
    {
        CreateParent(path);
        File.Delete(path);
        var stream = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = options,
        };
        if (!OperatingSystem.IsWindows()) stream.UnixCreateMode = FileMode;
        return new FileStream(path, stream);
    }

    /// <summary>Creates an empty file 0600 if nothing is there (a SQLite store: SQLite gives its -wal and -shm files the database file's mode).</summary>
    public static void Touch(string path)
    {
        CreateParent(path);
        var stream = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows()) stream.UnixCreateMode = FileMode;
        try
        {
            using var _ = new FileStream(path, stream);
        }
        catch (IOException) when (File.Exists(path))
        {
            // created meanwhile by another process: its creator gave it the same mode
        }
    }
}
