"""Exceptions. Each subclasses both VmafTuneError and the matching builtin (as PyAV does), so
callers can catch either the package's error or the usual Python one."""

from __future__ import annotations

# Exit codes of the command line, defined here once; each error class carries its own.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_ENGINE = 3
EXIT_TARGET_NOT_MET = 4
EXIT_SOME_FAILED = 5
EXIT_INTERRUPTED = 130

EXIT_CODES_DOC = """exit codes:
  0    success
  1    unexpected failure
  2    bad input: file, argument or model
  3    engine failure
  4    bisect: target not reachable in the CRF range
  5    several inputs (bisect INPUT INPUT..., --inputs, score --pairs): at least one
       failed or missed its target; each has a row with its status and error
  130  interrupted (Ctrl-C)"""


class VmafTuneError(Exception):
    """Base class of every error raised on purpose by vmaf-tune."""

    exit_code = EXIT_ERROR


class InputError(VmafTuneError, ValueError):
    """A video, raw YUV file or argument cannot be used as given."""

    exit_code = EXIT_USAGE


class InputFileNotFound(InputError, FileNotFoundError):
    """An input path does not exist."""


class ModelError(VmafTuneError, ValueError):
    """A VMAF model file or variant name is invalid."""

    exit_code = EXIT_USAGE


class EngineError(VmafTuneError, RuntimeError):
    """The native engine refused or failed a computation."""

    exit_code = EXIT_ENGINE


class EncodeError(VmafTuneError, RuntimeError):
    """An encoder failed or produced output that cannot be used."""

    exit_code = EXIT_ENGINE


class FrameSizeError(EngineError, ValueError):
    """Frames are smaller than the algorithms allow, or differ from the first frame."""

    exit_code = EXIT_USAGE
