#!/usr/bin/python3
"""Where a run's peak memory is reached: runs a command and samples its RSS every 20 ms.

    bench/rss-timeline.py <out.txt> -- <command...>

Writes one line per sample to <out.txt>: seconds since start, anonymous RSS, file-backed RSS and the kernel's high-water
mark (VmHWM), in MB, of the command's process (or of its first child, so `/usr/bin/time dotnet ...` works). Prints the
final high-water mark and when it last rose. The high-water mark catches a spike between two samples; the time it last
rose says which phase set the peak (match it with the run's log). Exits with the command's exit code.
"""
import subprocess
import sys
import time

out = sys.argv[1]
cmd = sys.argv[sys.argv.index('--') + 1:]
p = subprocess.Popen(cmd)
t0 = time.time()
rows = []


def target():
    try:
        children = open(f'/proc/{p.pid}/task/{p.pid}/children').read().split()
        return int(children[0]) if children else p.pid
    except OSError:
        return p.pid


while p.poll() is None:
    try:
        d = {}
        for line in open(f'/proc/{target()}/status'):
            k, _, v = line.partition(':')
            if k in ('RssAnon', 'RssFile', 'VmHWM'):
                d[k] = int(v.split()[0]) // 1024
        if 'VmHWM' in d:
            rows.append((time.time() - t0, d.get('RssAnon', 0), d.get('RssFile', 0), d['VmHWM']))
    except OSError:
        pass  # the process ended between two reads
    time.sleep(0.02)
with open(out, 'w') as f:
    for r in rows:
        f.write('%.2f %d %d %d\n' % r)
if rows:
    peak = rows[-1][3]
    rose = next(r for r in rows if r[3] == peak)
    print('high-water mark %d MB, reached at %.2f s (anon %d + file %d MB then)' % (peak, rose[0], rose[1], rose[2]), file=sys.stderr)
sys.exit(p.returncode)
