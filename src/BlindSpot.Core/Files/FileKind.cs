using System.Runtime.InteropServices;

namespace BlindSpot.Core.Files;

/// <summary>What lies at a path, told without opening it (opening a FIFO blocks; reading a device never ends).</summary>
public static class FileKind
{
    /// <summary>True for a regular file, false for a FIFO, device, socket or folder, null where it cannot be told (not Linux, or nothing there).</summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256]; // struct statx
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        var mode = BitConverter.ToUInt16(buffer, 28); // stx_mode
        return (mode & 0xF000) == 0x8000; // S_IFREG
    }

    const int AtFdCwd = -100;
    const uint StatxType = 1;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
