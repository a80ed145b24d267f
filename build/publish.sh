#!/usr/bin/env bash
# Publishes a BlindSpot batch process as it is deployed (docs/adr/0019-readytorun-publish.md): for this machine's runtime,
# self-contained, with the app and the .NET framework precompiled together into one composite ReadyToRun image.
#
#   build/publish.sh <project> <output dir>      e.g. build/publish.sh src/BlindSpot.Cli /srv/blindspot/cli
#
# Run it from a clean clone (or after `git clean -fdX`): an obj folder that holds a publish of another recipe can leave
# precompiled code that does not match the image, and the process then aborts at start (seen on 2026-12-03 when a
# framework-dependent publish followed a composite one in the same working copy). The script starts the published
# process once (`--help`) and fails if it does not.
# The first publish downloads the runtime packs and compiles the framework with the app (2.5-4.5 min on 2 cores; later
# ones reuse it). The folder is ~190 MB and carries its own runtime: publish again after each .NET servicing release.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: build/publish.sh <project> <output dir>" >&2; exit 2; }
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "publish: no runtime identifier for $(uname -m)" >&2; exit 2 ;; esac
# The flags go on the command line, not in the project files: set there, the publish fails with NETSDK1152 (the web
# project references the jobs host, an executable, and the two were published for two runtime identifiers).
dotnet publish "$1" -c Release -r "$rid" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
  -o "$2" -nologo -v q
# The published process must start: a stale obj folder (above) gives one that aborts, and that must fail here, not at the
# district's next run. (Only the project's own executable: the jobs host's copy in the CLI's folder is a reference, not
# a process, and never started from there.)
name=$(dotnet msbuild "$1" -getProperty:AssemblyName -p:Configuration=Release -nologo)
rc=0
"$2/$name" --help >/dev/null 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "publish: $2/$name does not start (exit $rc); publish again from a clean clone (git clean -fdX)" >&2
  exit 1
fi
