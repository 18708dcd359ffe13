#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest for a set time and prints its figures: seconds, executions,
# corpus size and findings. `mvn test` only replays the committed inputs; this script is the way
# to search for new ones.
#
# Usage: bench/fuzz.sh CLASS#METHOD [MINUTES]
#   CLASS#METHOD  a fuzz test, for example FrameSplitterFuzzTests#multipartReplace
#   MINUTES       how long to fuzz, default 10
# List the targets with: grep -rn -A1 '@FuzzTest' src/test/java
#
# The generated corpus grows in .cifuzz-corpus/CLASS/METHOD and is reused by the next run. A
# crash, an uncaught exception, an OutOfMemoryError or an input that runs longer than the
# per-input timeout (FUZZ_INPUT_TIMEOUT seconds, default 10) stops the run and is written to
# src/test/resources/<package>/<Class>Inputs/<method>/, where `mvn test` replays it from then
# on: fix the bug, then commit the input. The log goes to bench/out/fuzz-CLASS-METHOD.log.
# The JVM runs under `nice -n 19`, so other builds on the machine keep their share of the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ $# -gt 2 ] || [[ "$1" != *#* ]]; then
  echo "usage: bench/fuzz.sh CLASS#METHOD [MINUTES]" >&2
  exit 2
fi
target=$1
minutes=${2:-10}
class=${target%%#*}
method=${target##*#}
seconds=$((minutes * 60))
timeout=${FUZZ_INPUT_TIMEOUT:-10}

mkdir -p bench/out
log="bench/out/fuzz-${class}-${method}.log"
file=$(grep -rl --include="${class}.java" "class ${class}" src/test/java | head -n 1)
if [ -z "$file" ]; then
  echo "no test class ${class} under src/test/java" >&2
  exit 2
fi
package=$(sed -n 's/^package \(.*\);/\1/p' "$file")
inputs="src/test/resources/${package//.//}/${class}Inputs/${method}"
corpus=".cifuzz-corpus/${package}.${class}/${method}"
mkdir -p "$inputs"
findings_before=$(ls "$inputs" 2>/dev/null | grep -c -E '^(crash|timeout|slow-unit|oom|leak)-' || true)

# JAZZER_FUZZ switches jazzer-junit from replaying to fuzzing. jazzer.internal.arg.N are the
# libFuzzer arguments that Jazzer's own launcher hands to jazzer-junit (checked with 0.24.0):
# argument 0 is the program name, a later -max_total_time overrides the annotation's
# maxDuration, and -timeout is the per-input limit in seconds. JUnit's own timeout settings would
# also apply to the whole fuzzing run, so they are not used for this.
echo "Fuzzing ${target} for ${minutes} min, log in ${log}"
start=$(date +%s)
status=0
JAZZER_FUZZ=1 nice -n 19 mvn -q test -Dtest="${target}" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.instrument='io.poolstream.**,com.twelvemonkeys.**,tools.jackson.**' \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=${seconds}" \
  -Djazzer.internal.arg.2="-timeout=${timeout}" \
  -Dsurefire.reportNameSuffix="fuzz" >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))

report="target/surefire-reports/${package}.${class}-fuzz-output.txt"
[ -f "$report" ] || report="target/surefire-reports/${package}.${class}-output.txt"
[ -f "$report" ] && cat "$report" >>"$log"
runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -n 1 | awk '{print $2}')
if [ -z "$runs" ]; then
  runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
fi
corpus_size=$(ls "$corpus" 2>/dev/null | wc -l)
findings_after=$(ls "$inputs" 2>/dev/null | grep -c -E '^(crash|timeout|slow-unit|oom|leak)-' || true)

echo "target:    ${target}"
echo "seconds:   ${elapsed}"
echo "runs:      ${runs:-unknown}"
echo "corpus:    ${corpus_size} inputs in ${corpus}"
echo "findings:  $((findings_after - findings_before)) new in ${inputs}"
echo "exit:      ${status}"
grep -m 5 -E '== Java Exception|FuzzerSecurityIssue|Caused by|ALARM|OutOfMemory|timeout' "$log" || true
exit "$status"
