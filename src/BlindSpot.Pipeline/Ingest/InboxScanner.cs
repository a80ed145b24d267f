using BlindSpot.Core.Files;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Text;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>One entry of the inbox: a file to read (<see cref="ReadPath"/>), or what is reported instead.</summary>
/// <param name="Name">The name as it may be printed (<see cref="TextGuard.SafeFileName"/>).</param>
internal sealed record InboxEntry(string Name, string? ReadPath, Feed? Feed, IngestFileResult? Result);

/// <summary>
/// Lists the inbox without following anything out of it: sub-folders, hidden files and files that are not .csv
/// (<c>.part</c>/<c>.tmp</c> files being written included) are ignored; names that are not valid UTF-8, hold control
/// characters or a resident number, dangling links, links out of the inbox and special files (FIFOs, devices, sockets)
/// are reported with a safe printable name and never opened.
/// </summary>
internal static class InboxScanner
{
    public static List<InboxEntry> Scan(string inboxDir)
    {
        var inbox = RealPath(Path.GetFullPath(inboxDir));
        var entries = new List<InboxEntry>();
        foreach (var info in new DirectoryInfo(inboxDir).EnumerateFileSystemInfos())
        {
            var raw = info.Name;
            var name = TextGuard.SafeFileName(raw);
            if (info is DirectoryInfo && info.LinkTarget is null) continue;
            if (name.StartsWith('.') || !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                entries.Add(Report(name, IngestFileStatus.Ignored, "not a .csv file"));
                continue;
            }
            if (name != raw)
            {
                entries.Add(Report(name, IngestFileStatus.Failed, raw.Contains('\uFFFD') || raw.Any(char.IsControl)
                    ? "파일 이름이 UTF-8이 아니거나 제어 문자가 있어 읽지 않았습니다. 파일 이름을 한글·영문·숫자로 바꿔 주세요."
                    : "파일 이름에 주민등록번호로 보이는 값이 있어 읽지 않았습니다. 파일 이름을 바꿔 주세요."));
                continue;
            }
            var feed = Feeds.FromFileName(name);
            if (feed is null)
            {
                entries.Add(Report(name, IngestFileStatus.Unrecognised,
                    "파일 이름이 어느 피드에도 맞지 않습니다 (households, crisis, tips_officer, tips_hotline, outcomes, targets_baseline, capacity 로 시작해야 함)."));
                continue;
            }

            var path = info.FullName;
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    entries.Add(Report(name, IngestFileStatus.Failed, "가리키는 파일이 없는 링크입니다. 파일 자체를 넣어 주세요."));
                    continue;
                }
                var real = RealPath(target.FullName);
                if (!real.StartsWith(inbox + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    entries.Add(Report(name, IngestFileStatus.Failed, "받은 파일 폴더 밖을 가리키는 링크라 읽지 않았습니다. 파일 자체를 넣어 주세요."));
                    continue;
                }
                path = real;
            }
            if (FileKind.IsRegularFile(path) == false || Directory.Exists(path))
            {
                entries.Add(Report(name, IngestFileStatus.Failed, "일반 파일이 아니라서 (FIFO, 장치, 소켓 등) 읽지 않았습니다."));
                continue;
            }
            entries.Add(new InboxEntry(name, path, feed, null));
        }
        return entries;
    }

    static InboxEntry Report(string name, IngestFileStatus status, string message) =>
        new(name, null, null, new IngestFileResult(name, status, null, null, message));

    /// <summary>The path with every symbolic link of it resolved (the inbox itself may be reached through one).</summary>
    static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                next = RealPath(target.FullName);
            current = next;
        }
        return current;
    }
}
