"""Work kept from one build to the next.

A result computed from one content file (an article's HTML, say) is kept in
Pelican's CACHE_PATH (`cache/` beside the settings) and used again while the
file's text is the same and so is everything else that made the result: the
settings that shape it and the versions of the libraries involved, summed up
in a fingerprint. A cache with another fingerprint is not used at all.

The text, not the modification time, decides: a checkout or a copy that
touches every file keeps the cache, and an edit that keeps the size and the
time of a file is still seen. A cache file that cannot be read is ignored;
a new one is written whole beside the old and renamed over it, so that an
interrupted build never leaves half a cache. `make clean` deletes the folder;
`BRIEFING_CACHE = False` leaves it alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)


def digest(text: str) -> bytes:
    """A short, collision-safe sum of a file's text."""
    return hashlib.blake2b(
        text.encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


def fingerprint(*parts) -> str:
    """A sum of settings and versions, and of Python's version and the
    plugin's own code, so that an upgraded plugin never uses what an older
    one kept. Values without a stable form (e.g. an object's repr with its
    address) make every build's differ, which only means the cache is not
    used."""
    python = sys.version_info[:2]
    text = json.dumps([python, plugin_code(), *parts], sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@cache
def plugin_code() -> str:
    """A sum of the plugin's source files."""
    package = Path(__file__).parents[1]
    code = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        code.update(path.relative_to(package).as_posix().encode() + b"\0")
        code.update(path.read_bytes() + b"\0")
    return code.hexdigest()


def versions(*modules: str) -> dict[str, str]:
    """The installed version of the distribution of each top-level module
    (e.g. "markdown", or "pymdownx" for an extension), or "" if unknown."""
    providers = _providers()
    found = {}
    for module in modules:
        top = module.split(".")[0]
        found[top] = sorted(
            f"{name}=={_version(name)}" for name in providers.get(top, [])
        )
    return found


@cache
def _providers() -> dict[str, list[str]]:
    """Which distributions provide each top-level module; looked up once
    per process (it reads every installed distribution's file list)."""
    return metadata.packages_distributions()


@cache
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def cache_folder(settings: dict) -> Path | None:
    """The plugin's folder in CACHE_PATH, or None when caching is off."""
    if not (
        settings.get("BRIEFING_CACHE")
        and settings.get("BRIEFING_SPEED", True)
        and settings.get("CACHE_PATH")
    ):
        return None
    return Path(settings["CACHE_PATH"]) / "briefing"


def cache_path(settings: dict, name: str) -> Path | None:
    """Where the cache file `name` lives, or None when caching is off."""
    folder = cache_folder(settings)
    return folder / f"{name}.pickle" if folder else None


class FileCache:
    """Results by source file, each stored with the digest of the text it
    was computed from. Only the entries used or stored in this build are
    saved, so that deleted files drop out."""

    def __init__(self, path: Path, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint
        self._old = self._load()
        self._new: dict[str, tuple[bytes, object]] = {}
        self._stored = False

    def _load(self) -> dict:
        try:
            with open(self.path, "rb") as file:
                saved = pickle.load(file)
        except FileNotFoundError:
            return {}
        except Exception as error:  # any damage: start afresh
            logger.info("ignoring the cache %s (%s)", self.path, error)
            return {}
        if not isinstance(saved, dict) or saved.get("fingerprint") != self.fingerprint:
            return {}
        return saved.get("entries", {})

    def get(self, source: str, text_digest: bytes):
        """What was stored for `source` from this very text, or None."""
        entry = self._old.get(source)
        if entry is None or entry[0] != text_digest:
            return None
        self._new[source] = entry
        return entry[1]

    def put(self, source: str, text_digest: bytes, value) -> None:
        self._new[source] = (text_digest, value)
        self._stored = True

    def save(self) -> None:
        """Write the cache if it changed; a failure only costs speed."""
        if not self._stored and self._new.keys() == self._old.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, scratch = tempfile.mkstemp(
                prefix=self.path.name + ".", dir=self.path.parent
            )
            try:
                with os.fdopen(handle, "wb") as file:
                    pickle.dump(
                        {"fingerprint": self.fingerprint, "entries": self._new},
                        file,
                        protocol=pickle.HIGHEST_PROTOCOL,
                    )
                os.replace(scratch, self.path)
            except BaseException:
                os.unlink(scratch)
                raise
        except (OSError, pickle.PicklingError, TypeError) as error:
            logger.warning("could not save the cache %s (%s)", self.path, error)
            return
        self._old, self._stored = dict(self._new), False
