#!/usr/bin/python3
"""Names the precompiled methods of a composite ReadyToRun image in `perf script` output.

perf names the frames of jitted code from the runtime's perf map (DOTNET_PerfMapEnabled=1), but not the frames of the
precompiled image (blindspot.r2r.dll): they show as "[unknown] (.../blindspot.r2r.dll)" with the file offset. crossgen2
writes a map of that image's methods when the publish asks for it; this filter turns the offsets into method names.

    dotnet publish src/BlindSpot.Cli -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true \\
        -p:PublishReadyToRunComposite=true -p:PublishReadyToRunEmitSymbols=true -o <dir>      (a clean clone: build/publish.sh)
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g -o perf.data <dir>/blindspot run ...
    perf script -i perf.data -F comm,tid,time,ip,sym,dso | bench/r2r-perf-symbols.py <dir> > script.txt

A frame of the image is rewritten as "<offset> <method> (r2r)". The offsets perf prints are file offsets of the mapped
image; the map gives relative virtual addresses, so each offset is moved by its section's (file offset -> RVA).
"""
import bisect
import glob
import os
import re
import struct
import sys

folder = sys.argv[1]
image = os.path.join(folder, "blindspot.r2r.dll")
maps = glob.glob(os.path.join(folder, "*.r2rmap"))
if not os.path.exists(image) or not maps:
    sys.exit(f"r2r-perf-symbols: {folder} has no blindspot.r2r.dll with its .r2rmap (publish with PublishReadyToRunEmitSymbols=true)")

# The image's sections: (file offset, size, RVA).
pe = open(image, "rb").read(4096)
header = struct.unpack_from("<I", pe, 0x3C)[0]
count = struct.unpack_from("<H", pe, header + 6)[0]
optional = struct.unpack_from("<H", pe, header + 20)[0]
sections = []
for i in range(count):
    _, _, rva, raw_size, raw_pointer = struct.unpack_from("<8sIIII", pe, header + 24 + optional + i * 40)
    sections.append((raw_pointer, raw_size, rva))

methods = []
for line in open(maps[0], encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split(" ", 2)
    if len(parts) == 3 and int(parts[0], 16) < 0xF0000000:  # the first lines are the map's own header
        methods.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
methods.sort()
starts = [m[0] for m in methods]

frame = re.compile(r"^(\s+)([0-9a-f]+) \[unknown\] \((\S*r2r\.dll)\)")
for line in sys.stdin:
    m = frame.match(line)
    if m:
        offset = int(m.group(2), 16)
        rva = next((offset - p + r for p, s, r in sections if p <= offset < p + s), None)
        name = "?"
        if rva is not None:
            i = bisect.bisect_right(starts, rva) - 1
            if i >= 0 and rva < methods[i][0] + max(methods[i][1], 1):
                name = methods[i][2]
        line = f"{m.group(1)}{m.group(2)} {name} (r2r)\n"
    sys.stdout.write(line)
