"""Seeded random streams and small drawing helpers shared by the generators.

Each dataset draws from its own stream, derived from the user's seed and the dataset's
name, so a new draw in one dataset's generator never shifts the draws of another (datasets
built on the enterprise frame, such as strikes, do follow a change to the enterprises). The
benchmark can ask the streams to log what they draw (``count_variates``): the number of
variates, and every draw call (stream, method, arguments) so that ``DrawLog.replay`` can
make numpy alone do exactly the same draws, to compare the generator with that floor.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_LOG: DrawLog | None = None


@dataclass(frozen=True)
class Draw:
    """One draw call: ``Generator.<method>(*args, **kwargs)`` on stream ``stream``.

    ``stream`` is the position of the stream in ``DrawLog.streams``. Array arguments are
    stored as copies, so a later in-place change by the caller cannot alter the replay.
    """

    stream: int
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class DrawLog:
    """What the streams made inside ``count_variates`` drew.

    ``variates`` is the total size of the arrays (or scalars) the draws returned;
    ``streams`` holds each stream's seed entropy and generator, and ``names`` its dataset
    name, in the order they were made; ``calls`` holds every draw call in order (empty if
    recording was off).
    """

    record: bool = True
    variates: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    streams: list[tuple[tuple[int, ...], np.random.Generator]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    calls: list[Draw] = field(default_factory=list)

    def replay(self, check: bool = False, streams: Collection[int] | None = None) -> None:
        """Repeat every recorded call, in order, on fresh generators (one per stream).

        Each fresh generator is seeded as its stream was, so numpy does exactly the
        generator's draws (same methods, sizes and parameters); results are thrown away.
        Time this to get the numpy floor of the generator. ``streams`` (positions in
        ``self.streams``) limits the replay to those streams, so that two threads can
        replay the two halves of a draw. With ``check=True``, raise ``RuntimeError`` unless
        every fresh generator ends in its stream's final state, which shows the log holds
        every draw.
        """
        chosen = range(len(self.streams)) if streams is None else streams
        fresh = {
            i: np.random.default_rng(np.random.SeedSequence(list(self.streams[i][0])))
            for i in chosen
        }
        for call in self.calls:
            if call.stream in fresh:
                getattr(fresh[call.stream], call.method)(*call.args, **call.kwargs)
        if check:
            for i, replayed in fresh.items():
                entropy, original = self.streams[i]
                if original.bit_generator.state != replayed.bit_generator.state:
                    raise RuntimeError(f"the replay of stream {entropy} drew differently")


def _frozen(value: Any) -> Any:
    """Return a copy of an array argument (others unchanged) for the draw log."""
    return value.copy() if isinstance(value, np.ndarray) else value


def check_seed(seed: object) -> int:
    """Return ``seed`` as an int, or raise ``ValueError`` naming it and what is allowed."""
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}")
    return int(seed)


class _CountingGenerator:
    """A Generator proxy that logs every call: the size of what it returns and the call.

    The call itself goes unchanged to the real generator, so what is drawn and returned is
    exactly what the generator would draw without the proxy.
    """

    def __init__(
        self, rng: np.random.Generator, log: DrawLog, entropy: tuple[int, ...], name: str
    ) -> None:
        self._rng = rng
        self._log = log
        with log.lock:  # streams may be made in two threads at once (see ``build.draw``)
            self._stream = len(log.streams)
            log.streams.append((entropy, rng))
            log.names.append(name)

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._rng, name)
        if not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            call = (
                Draw(
                    self._stream,
                    name,
                    tuple(_frozen(a) for a in args),
                    {k: _frozen(v) for k, v in kwargs.items()},
                )
                if self._log.record
                else None
            )
            result = method(*args, **kwargs)
            with self._log.lock:  # the two threads of ``build.draw`` share the log
                if call is not None:
                    self._log.calls.append(call)
                self._log.variates += int(np.size(result))
            return result

        return counted


@contextmanager
def count_variates(record: bool = True) -> Iterator[DrawLog]:
    """Log the draws of every stream made inside the ``with`` block (see ``DrawLog``).

    With ``record=False`` only the number of variates is kept.
    """
    global _LOG
    _LOG = DrawLog(record=record)
    try:
        yield _LOG
    finally:
        _LOG = None


def stream(seed: int, name: str) -> np.random.Generator:
    """Return the random generator for dataset ``name`` under the user's ``seed``."""
    seed = check_seed(seed)
    entropy = (seed, zlib.crc32(name.encode()))
    rng = np.random.default_rng(np.random.SeedSequence(list(entropy)))
    if _LOG is not None:
        return _CountingGenerator(rng, _LOG, entropy, name)  # type: ignore[return-value]
    return rng


def choice(rng: np.random.Generator, shares: Mapping[Any, float], size: int) -> np.ndarray:
    """Draw ``size`` labels with the probabilities in ``shares`` (which must sum to 1)."""
    labels = list(shares)
    probabilities = np.array([shares[label] for label in labels], dtype=float)
    if not np.isclose(probabilities.sum(), 1.0):
        raise ValueError(f"shares must sum to 1, got {probabilities.sum():.6f} for {labels}")
    return np.array(labels, dtype=object)[rng.choice(len(labels), size=size, p=probabilities)]


def logistic(x: np.ndarray) -> np.ndarray:
    """Return the logistic function 1 / (1 + exp(-x))."""
    return 1.0 / (1.0 + np.exp(-x))


def draw_codes(rng: np.random.Generator, probabilities: np.ndarray, size: int) -> np.ndarray:
    """Draw ``size`` category codes 0..k-1 with ``probabilities`` (which must sum to 1)."""
    probabilities = np.asarray(probabilities, dtype=float)
    if not np.isclose(probabilities.sum(), 1.0):
        raise ValueError(f"probabilities must sum to 1, got {probabilities.sum():.6f}")
    cumulative = np.cumsum(probabilities)
    cumulative[-1] = 1.0
    return np.searchsorted(cumulative, rng.random(size), side="right").astype(np.int64)


def draw_codes_by_group(
    rng: np.random.Generator, groups: np.ndarray, table: np.ndarray
) -> np.ndarray:
    """Draw one code per element; row ``groups[i]`` of ``table`` holds its probabilities."""
    table = np.asarray(table, dtype=float)
    if not np.allclose(table.sum(axis=1), 1.0):
        raise ValueError("every row of the probability table must sum to 1")
    return _count_passed(rng.random(len(groups)), np.cumsum(table, axis=1), groups)


def _count_passed(uniform: np.ndarray, cumulative: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Return, per element, how many of ``cumulative[rows[i], :-1]`` are <= ``uniform[i]``.

    That count is the drawn category. It is built one column of the table at a time (a
    small gather, a comparison and an add in a narrow integer), rather than by comparing
    against an n × k matrix of cumulative shares: the same comparisons, so the same codes,
    with far less memory traffic.
    """
    columns = cumulative.shape[1] - 1
    count = np.zeros(len(uniform), dtype=np.uint8 if columns < 256 else np.int64)
    for column in range(columns):
        passed = uniform >= cumulative[:, column].take(rows)
        np.add(count, passed, out=count, casting="unsafe")
    return count.astype(np.int64)


def shares_table(
    shares: Mapping[Any, Mapping[Any, float]], keys: list[Any], labels: list[Any]
) -> np.ndarray:
    """Return the probability table of nested ``shares`` with rows ``keys``, columns ``labels``."""
    return np.array([[shares[k].get(label, 0.0) for label in labels] for k in keys], dtype=float)
