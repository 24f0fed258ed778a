"""Keep a submission's process away from every file but its own, with Linux's Landlock.

The sandbox process runs under the grader's own account, which can read the autograder
bundles (their hidden tests) and the other submissions. Landlock (Linux 5.13 or later,
no privileges needed) lets a process give up access for good, for itself and every
process it starts: here, before the runner starts, the child keeps

- read access to Python, its libraries and the system's (``READ_PATHS``, the Python
  installation, the virtual environment, the runner script), and
- read and write access to its own work folder (a copy of the bundle's helper package
  and data, the answers it writes),

and nothing else: no other file (no bundle, no test, no other submission, no file of
the grader's), no TCP connection (Landlock 4 and later) and no signal or abstract socket
to a process outside the sandbox (Landlock 6 and later).

``plan`` is pure (which folders, with which rights) and refuses a plan that would let
the sandbox read a protected path; ``ruleset`` turns a plan into a Landlock ruleset in
the grader; ``restrict`` is all the child does, between fork and exec.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

# Linux system call numbers (the same on x86-64 and arm64) and constants of <linux/landlock.h>.
CREATE_RULESET, ADD_RULE, RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION, RULE_PATH_BENEATH = 1, 1
PR_SET_NO_NEW_PRIVS = 38
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
TRUNCATE, IOCTL_DEV = 1 << 14, 1 << 15
#: Every file-system right each Landlock version knows (bit 13, REFER, came with 2).
FS_RIGHTS = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
NET_TCP = 0b11  # bind and connect (Landlock 4)
SCOPES = 0b11  # abstract Unix sockets and signals (Landlock 6)
READ = EXECUTE | READ_FILE | READ_DIR
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV

#: What any Python program reads besides its own installation: shared libraries, the
#: dynamic loader's cache, time zones, and the few devices it opens.
READ_PATHS = (
    "/usr",
    "/lib",
    "/lib64",
    "/lib32",
    "/bin",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/dev/urandom",
    "/dev/zero",
    "/sys/devices/system/cpu",
    "/proc/cpuinfo",
)


class Unconfinable(Exception):
    """Landlock is missing, or the plan would let a submission read a protected path."""


@dataclass(frozen=True)
class Plan:
    read: tuple[Path, ...]  # folders and files the sandbox may read (and execute)
    write: tuple[Path, ...]  # folders it may read and change


def version() -> int:
    """The Landlock version of the running kernel; 0 where there is none."""
    if not sys.platform.startswith("linux"):
        return 0
    libc = ctypes.CDLL(None, use_errno=True)
    abi = libc.syscall(CREATE_RULESET, None, ctypes.c_size_t(0), CREATE_RULESET_VERSION)
    return max(abi, 0)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def plan(
    python: str,
    runner: Path,
    work: Path,
    protected: list[Path],
    prefixes: tuple[str, ...] = (sys.prefix, sys.base_prefix, sys.exec_prefix),
) -> Plan:
    """What the sandbox of ``work`` may read and write, with ``python`` and ``runner``.

    Raise :class:`Unconfinable` when a folder it could read holds a ``protected`` path
    (a bundle, the class folder, the repository): then the plan would protect nothing."""
    binaries = {Path(python).absolute(), Path(os.path.realpath(python))}
    read = [Path(p) for p in READ_PATHS]
    read += [Path(os.path.realpath(p)) for p in prefixes]
    read += sorted(binaries) + [runner.resolve()]
    read = [p for p in dict.fromkeys(read) if p.exists()]
    write = [work.resolve()] + [p for p in (Path("/dev/null"),) if p.exists()]
    for folder in read + write:
        for path in protected:
            if _inside(path.resolve(), folder):
                raise Unconfinable(
                    f"the sandbox would be allowed to read {folder}, which holds {path}"
                )
    return Plan(tuple(read), tuple(write))


def _rights(abi: int) -> int:
    return FS_RIGHTS[max(k for k in FS_RIGHTS if k <= abi)]


def ruleset(confinement: Plan, abi: int) -> int:
    """A Landlock ruleset (a file descriptor, for :func:`restrict`) that allows the plan."""
    libc = ctypes.CDLL(None, use_errno=True)
    handled = _rights(abi)
    fields = [handled] + ([NET_TCP] if abi >= 4 else []) + ([SCOPES] if abi >= 6 else [])
    attr = ctypes.create_string_buffer(struct.pack(f"{len(fields)}Q", *fields))
    fd = libc.syscall(CREATE_RULESET, attr, ctypes.c_size_t(len(attr.raw)), 0)
    if fd < 0:
        raise Unconfinable(f"Landlock refused a ruleset: {os.strerror(ctypes.get_errno())}")
    rules = [(p, READ) for p in confinement.read] + [(p, handled) for p in confinement.write]
    try:
        for path, rights in rules:
            rights &= handled if path.is_dir() else (handled & FILE_RIGHTS)
            parent = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = ctypes.create_string_buffer(struct.pack("=Qi", rights, parent))
                if libc.syscall(ADD_RULE, fd, RULE_PATH_BENEATH, rule, 0) != 0:
                    error = os.strerror(ctypes.get_errno())
                    raise Unconfinable(f"Landlock refused a rule for {path}: {error}")
            finally:
                os.close(parent)
    except BaseException:
        os.close(fd)
        raise
    return fd


def restrict(fd: int) -> None:
    """Confine the calling process (and all it starts) to the ruleset ``fd``, for good.
    Runs in the sandbox's child between fork and exec: system calls only."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or libc.syscall(RESTRICT_SELF, fd, 0):
        raise OSError(ctypes.get_errno(), "Landlock could not confine the sandbox")
