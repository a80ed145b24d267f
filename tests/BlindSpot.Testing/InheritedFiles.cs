using System.Runtime.InteropServices;

namespace BlindSpot.Testing;

/// <summary>
/// Keeps the test process's inherited file descriptors out of the servers it starts. A test run started by a script
/// inherits the script's open files (land.sh holds its landing lock on fd 9); a PostgreSQL server started by pg_ctl
/// would inherit them too and, if the test process dies before stopping it, hold the lock for as long as it runs.
/// Marking every descriptor above stderr close-on-exec before the first server starts prevents that.
/// </summary>
internal static class InheritedFiles
{
    const int GetDescriptorFlags = 1, SetDescriptorFlags = 2, CloseOnExec = 1;

    [DllImport("libc", SetLastError = true)]
    static extern int fcntl(int fd, int cmd, int arg);

    public static void CloseOnExecAll()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd")) return;
        foreach (var entry in Directory.GetFiles("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var fd) || fd <= 2) continue;
            var flags = fcntl(fd, GetDescriptorFlags, 0);
            if (flags >= 0 && (flags & CloseOnExec) == 0) fcntl(fd, SetDescriptorFlags, flags | CloseOnExec);
        }
    }
}
