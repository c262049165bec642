"""Exceptions. Each subclasses both VmafTuneError and the matching builtin (as PyAV does), so
callers can catch either the package's error or the usual Python one."""

from __future__ import annotations


class VmafTuneError(Exception):
    """Base class of every error raised on purpose by vmaf-tune."""

    exit_code = 1


class InputError(VmafTuneError, ValueError):
    """A video, raw YUV file or argument cannot be used as given."""

    exit_code = 2


class InputFileNotFound(InputError, FileNotFoundError):
    """An input path does not exist."""


class ModelError(VmafTuneError, ValueError):
    """A VMAF model file or variant name is invalid."""

    exit_code = 2


class EngineError(VmafTuneError, RuntimeError):
    """The native engine refused or failed a computation."""

    exit_code = 3


class EncodeError(VmafTuneError, RuntimeError):
    """An encoder failed or produced output that cannot be used."""

    exit_code = 3


class FrameSizeError(EngineError, ValueError):
    """Frames are smaller than the algorithms allow, or differ from the first frame."""

    exit_code = 2
