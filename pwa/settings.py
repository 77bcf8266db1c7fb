"""Deployment settings: where the guide's files are and what the clinic tells its families.

Clinic details are settings, never text in templates or catalogs, so that any clinic
can deploy the same guide with its own name and numbers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "GUIDE_"
OFF = frozenset({"0", "false", "no", "off"})  # what turns a setting off


@dataclass(frozen=True)
class Settings:
    """Everything that differs between deployments. Read once, at startup."""

    locales_dir: Path = PROJECT_ROOT / "locales"
    templates_dir: Path = PROJECT_ROOT / "templates"
    static_dir: Path = PROJECT_ROOT / "static"
    mapping_file: Path = PROJECT_ROOT / "babel.cfg"
    clinic_name: str = ""
    clinic_phone: str = ""
    clinic_url: str = ""  # the clinic's own website, shown on the About and Support pages
    emergency_number: str = "911"
    site_url: str = ""
    allowed_hosts: tuple[str, ...] = field(default=("*",))
    # Strict-Transport-Security on every response, for a server behind a TLS proxy
    # that does not say so (X-Forwarded-Proto). Over HTTPS it is always sent.
    hsts: bool = False
    # Off in previews (`serve --reload`): a service worker would keep showing the
    # saved copy of a page after its catalog or template changed.
    offline: bool = True
    # Where built sites are kept between starts (pwa/site_cache.py); None: nowhere.
    # GUIDE_CACHE_DIR sets it ("off" for none); the default is the user's cache folder.
    cache_dir: Path | None = field(default_factory=lambda: default_cache_dir(os.environ))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from GUIDE_* environment variables (GUIDE_CLINIC_NAME, ...)."""
        environ = os.environ if environ is None else environ
        # From these variables, not the process's own (the field's default).
        values: dict[str, object] = {"cache_dir": default_cache_dir(environ)}
        for name, default in cls.__dataclass_fields__.items():
            raw = environ.get(ENV_PREFIX + name.upper())
            if raw is None or name == "cache_dir":
                continue
            if isinstance(default.default, bool):
                if raw.strip():  # empty: the default
                    values[name] = raw.strip().lower() not in OFF
            elif name == "allowed_hosts":
                values[name] = tuple(h.strip() for h in raw.split(",") if h.strip())
            elif isinstance(default.default, Path):
                values[name] = Path(raw)
            else:
                values[name] = raw.strip()
        return cls(**values)  # type: ignore[arg-type]  # each value converted above

    @property
    def base_url(self) -> str:
        """The public origin without a trailing slash, or '' for root-relative links."""
        return self.site_url.rstrip("/")


def cache_dir_from(raw: str) -> Path | None:
    """GUIDE_CACHE_DIR's value: a folder, or none for "off" (or "", "none", "0")."""
    value = raw.strip()
    return None if value.lower() in {*OFF, "", "none"} else Path(value)


def default_cache_dir(environ: Mapping[str, str]) -> Path | None:
    """GUIDE_CACHE_DIR if set, else the XDG cache folder (~/.cache/lms-guide/site)."""
    if ENV_PREFIX + "CACHE_DIR" in environ:
        return cache_dir_from(environ[ENV_PREFIX + "CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or (
        os.path.join(environ["HOME"], ".cache") if environ.get("HOME") else ""
    )
    return Path(base, "lms-guide", "site") if base else None
