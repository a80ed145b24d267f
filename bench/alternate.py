#!/usr/bin/python3
"""First runs of two or more published CLIs on one inbox, taken turn about: how docs/benchmarks.md compares builds.

    bench/alternate.py <inbox> <rounds> <cli-dir> <cli-dir> [...] [--as-of 2026-10-30] [--work DIR]

On two shared cores the minute moves a run by up to a third (docs/benchmarks.md, "Twenty-eighth pass"), so one run of
each build says nothing, and only runs taken in the same minutes compare. Each round runs every CLI once; the order
turns each round (A B, then B A, ...) so that neither build always follows the other. Each run gets a fresh copy of
the inbox (its files dated two days back, as a district's are when its run lists them), an empty store and a `sync`
before it, and is
    <cli-dir>/blindspot run --db <work>/blindspot.db --inbox <work>/inbox --out <work>/out --as-of <as-of>
(a folder made by build/publish.sh). Per run it prints the wall time, the CPU time (user + system) and peak resident
memory of the process (wait4), the bytes it wrote and read (/proc/<pid>/io, read before the process is reaped), the
store's size, and an MD5 over the output CSVs: builds meant to give the same lists must print the same one. At the end
it prints each CLI's means and medians, its peak range, and in how many rounds it was the quicker. It stops at the
first run that fails (exit code not 0), with the end of that run's log.

Wall and CPU differences under ~1 s at 190,000-300,000 households are within what the minute moves (about ±1.5 CPU-s a
run on this machine); the store's size and the lists do not move with it, and the bytes written only a little
(when SQLite's checkpoints fall).
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("inbox")
parser.add_argument("rounds", type=int)
parser.add_argument("clis", nargs="+", metavar="cli-dir")
parser.add_argument("--as-of", default="2026-10-30")
parser.add_argument("--work", help="where the runs' inbox, store and output go (default: a new folder under /tmp, removed at the end)")
args = parser.parse_args()
args.clis = [os.path.abspath(c) for c in args.clis]
args.inbox = os.path.abspath(args.inbox)
if len(args.clis) < 2:
    sys.exit("alternate: give at least two CLI folders")
for cli in args.clis:
    if not os.access(os.path.join(cli, "blindspot"), os.X_OK):
        sys.exit(f"alternate: {cli} has no blindspot executable (publish it with build/publish.sh)")

work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="blindspot-alternate-")
os.makedirs(work, exist_ok=True)
names = [os.path.basename(os.path.normpath(c)) for c in args.clis]
if len(set(names)) < len(names):
    names = [f"{i + 1}:{n}" for i, n in enumerate(names)]


def lists_md5(out):
    """MD5 over every CSV under the output folder (relative path and bytes), in path order."""
    h = hashlib.md5()
    for root, _, files in sorted(os.walk(out)):
        for f in sorted(files):
            if f.endswith(".csv"):
                path = os.path.join(root, f)
                h.update(os.path.relpath(path, out).encode())
                with open(path, "rb") as fh:
                    h.update(fh.read())
    return h.hexdigest()[:8]


def one_run(cli):
    for part in ("inbox", "out", "quarantine"):
        shutil.rmtree(os.path.join(work, part), ignore_errors=True)
    for f in os.listdir(work):
        if f.startswith("blindspot.db"):
            os.remove(os.path.join(work, f))
    inbox = os.path.join(work, "inbox")
    shutil.copytree(args.inbox, inbox)
    two_days_ago = time.time() - 2 * 86400
    for f in os.listdir(inbox):
        os.utime(os.path.join(inbox, f), (two_days_ago, two_days_ago))
    os.sync()
    db = os.path.join(work, "blindspot.db")
    log_path = os.path.join(work, "run.log")
    with open(log_path, "wb") as log:
        start = time.monotonic()
        p = subprocess.Popen([os.path.join(cli, "blindspot"), "run", "--db", db, "--inbox", inbox,
                              "--out", os.path.join(work, "out"), "--as-of", args.as_of],
                             stdout=log, stderr=subprocess.STDOUT, cwd=work)
        os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
        wall = time.monotonic() - start
        with open(f"/proc/{p.pid}/io") as fh:
            io = dict(line.split(": ") for line in fh.read().split("\n") if line)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        with open(log_path, errors="replace") as fh:
            tail = fh.readlines()[-15:]
        sys.exit(f"alternate: {cli} exited {p.returncode}:\n" + "".join(tail))
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak": usage.ru_maxrss / 1024,
        "written": int(io["wchar"]) / 1e6,
        "read": int(io["rchar"]) / 1e6,
        "store": os.path.getsize(db) / 1e6,
        "lists": lists_md5(os.path.join(work, "out")),
    }


runs = {n: [] for n in names}
quicker = {n: 0 for n in names}
print(f"{'round':>5} {'cli':<24} {'wall_s':>7} {'cpu_s':>7} {'peak_mb':>8} {'written_mb':>10} {'read_mb':>8} {'store_mb':>8} {'lists':>8} load")
try:
    for r in range(args.rounds):
        order = list(range(len(names)))
        k = r % len(order)
        order = order[k:] + order[:k]
        walls = {}
        for i in order:
            m = one_run(args.clis[i])
            runs[names[i]].append(m)
            walls[names[i]] = m["wall"]
            load = open("/proc/loadavg").read().split()[0]
            print(f"{r + 1:>5} {names[i]:<24} {m['wall']:7.2f} {m['cpu']:7.2f} {m['peak']:8.0f} {m['written']:10.0f} "
                  f"{m['read']:8.0f} {m['store']:8.1f} {m['lists']:>8} {load}", flush=True)
        quicker[min(walls, key=walls.get)] += 1
finally:
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)

print()
print(f"{'cli':<24} {'runs':>4} {'wall mean':>9} {'median':>7} {'cpu mean':>8} {'median':>7} {'peak_mb':>9} {'written_mb':>10} {'store_mb':>8} quicker  lists")
for n in names:
    rs = runs[n]
    walls = [m["wall"] for m in rs]
    cpus = [m["cpu"] for m in rs]
    peaks = [m["peak"] for m in rs]
    print(f"{n:<24} {len(rs):>4} {statistics.mean(walls):9.2f} {statistics.median(walls):7.2f} {statistics.mean(cpus):8.2f} "
          f"{statistics.median(cpus):7.2f} {min(peaks):4.0f}-{max(peaks):<4.0f} {statistics.mean(m['written'] for m in rs):10.0f} "
          f"{statistics.mean(m['store'] for m in rs):8.1f} {quicker[n]:>3}/{args.rounds:<3}  {' '.join(sorted(set(m['lists'] for m in rs)))}")
if len({m["lists"] for rs in runs.values() for m in rs}) > 1:
    print("\nTHE OUTPUT FILES DIFFER between runs (MD5 over the CSVs above): the builds do not give the same lists.")
