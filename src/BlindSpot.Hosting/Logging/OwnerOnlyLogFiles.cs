using System.Text;
using BlindSpot.Core.Files;
using Serilog.Sinks.File;

namespace BlindSpot.Hosting.Logging;

/// <summary>
/// Gives each log file the mode of every file with personal data (0600, or 0640 with BlindSpot:Files:GroupReadable)
/// when the sink opens it, before the first event is written. Serilog's file sink creates the file itself (with the
/// umask's mode), so this is the earliest moment BlindSpot can set the mode; the folder was created 0700 (0750)
/// beforehand, so no other user can reach the file even in between.
/// </summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, PrivateFiles.FileMode);
        return underlyingStream;
    }
}
