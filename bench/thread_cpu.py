#!/usr/bin/env python3
"""Samples the CPU time of the service and driver JVMs that a bench/load.sh run starts, per thread
group, from /proc, and prints it per second of the run.

Usage: bench/load.sh --quick > run.txt & python3 bench/thread_cpu.py $! [interval seconds]

It follows the java processes below the given process id until that process exits. A thread group
is a thread name without its trailing number, so "C2 CompilerThread0" and "C2 CompilerThread1" add
up. Each line gives the second since sampling began, the process (server or driver), and the
milliseconds of CPU per group in that second, largest first, with the 1-minute load average. It
reads only /proc and sends nothing anywhere.
"""
import collections
import os
import re
import sys
import time


def child_ids(parent):
    ids = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as stat:
                fields = stat.read()
        except OSError:
            continue
        if int(fields[fields.rindex(')') + 2:].split()[1]) == parent:
            ids.append(int(entry))
    return ids


def descendant_ids(root):
    found, pending = [], [root]
    while pending:
        for child in child_ids(pending.pop()):
            found.append(child)
            pending.append(child)
    return found


def thread_groups(pid, tick):
    groups = collections.Counter()
    for thread in os.listdir(f'/proc/{pid}/task'):
        with open(f'/proc/{pid}/task/{thread}/stat') as stat:
            fields = stat.read()
        name = re.sub(r'[-#]?\d+$', '', fields[fields.index('(') + 1:fields.rindex(')')])
        rest = fields[fields.rindex(')') + 2:].split()
        groups[name] += (int(rest[11]) + int(rest[12])) * 1000 // tick
    return groups


def main():
    root = int(sys.argv[1])
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    tick = os.sysconf('SC_CLK_TCK')
    previous = {}
    start = time.time()
    while True:
        try:
            os.kill(root, 0)
        except OSError:
            break
        second = time.time() - start
        load = open('/proc/loadavg').read().split()[0]
        for pid in descendant_ids(root):
            try:
                command = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')
                if not command.startswith('java'):
                    continue
                groups = thread_groups(pid, tick)
            except OSError:
                continue
            kind = 'java'
            if 'LoadDriver' in command:
                kind = 'driver'
            elif ' -jar ' in command:
                kind = 'server'
            spent = {}
            for name, millis in groups.items():
                spent[name] = millis - previous.get((pid, name), millis)
                previous[(pid, name)] = millis
            busy = sorted(((ms, name) for name, ms in spent.items() if ms > 0), reverse=True)
            if busy:
                total = sum(ms for ms, _ in busy)
                parts = ', '.join(f'{name} {ms}' for ms, name in busy[:6])
                print(f'{second:6.1f} s {kind}: total {total} ms ({parts}); load {load}', flush=True)
        time.sleep(interval)


if __name__ == '__main__':
    main()
