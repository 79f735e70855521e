#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a Flatpak manifest of Myelin: it parses as JSON, names the app id,
a GNOME runtime and SDK with a version, and the command `myelin`; its
finish-args give the least that works (no network, no home or host files;
the speech-dispatcher socket read-only, for read aloud);
every download is pinned by sha256; and Myelin itself is built with meson
from this repository, with the profile that matches the app id.

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""
import json
import sys

FORBIDDEN_PREFIXES = (
    "--share=network",
    "--filesystem=home",
    "--filesystem=host",
    "--filesystem=~",
    "--filesystem=/",
    "--device=all",
    "--socket=session-bus",
    "--socket=system-bus",
)
# The last one is the speech-dispatcher socket, read-only, for read aloud.
REQUIRED_ARGS = ("--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri",
                 "--filesystem=xdg-run/speech-dispatcher:ro")


def check(manifest, app_id):
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    expect(isinstance(manifest, dict), "the manifest is not a JSON object")
    if problems:
        return problems

    expect(manifest.get("id", manifest.get("app-id")) == app_id,
           f"id is {manifest.get('id', manifest.get('app-id'))!r}, expected {app_id!r}")
    expect(manifest.get("runtime") == "org.gnome.Platform",
           f"runtime is {manifest.get('runtime')!r}, expected 'org.gnome.Platform'")
    expect(manifest.get("sdk") == "org.gnome.Sdk",
           f"sdk is {manifest.get('sdk')!r}, expected 'org.gnome.Sdk'")
    version = manifest.get("runtime-version")
    expect(isinstance(version, str) and version.strip() != "",
           f"runtime-version is {version!r}: name the GNOME runtime version")
    expect(manifest.get("command") == "myelin",
           f"command is {manifest.get('command')!r}, expected 'myelin'")

    finish_args = manifest.get("finish-args", [])
    expect(isinstance(finish_args, list) and all(isinstance(a, str) for a in finish_args),
           "finish-args is not a list of strings")
    for arg in finish_args:
        for prefix in FORBIDDEN_PREFIXES:
            if arg == prefix or arg.startswith(prefix):
                problems.append(f"finish-args has {arg!r}: Myelin must not need it")
    for arg in REQUIRED_ARGS:
        expect(arg in finish_args, f"finish-args lacks {arg!r}")

    modules = manifest.get("modules", [])
    expect(isinstance(modules, list) and modules, "there are no modules")
    for module in modules:
        if not isinstance(module, dict):
            continue
        for source in module.get("sources", []):
            if source.get("type") in ("archive", "file") and "url" in source:
                expect(len(source.get("sha256", "")) == 64,
                       f"module {module.get('name')!r}: {source['url']} is not pinned by sha256")
            if source.get("type") == "git":
                expect("commit" in source or "tag" in source,
                       f"module {module.get('name')!r}: git source pinned by neither tag nor commit")

    if modules and isinstance(modules[-1], dict):
        last = modules[-1]
        expect(last.get("name") == "myelin", "the last module is not myelin")
        expect(last.get("buildsystem") == "meson", "myelin is not built with meson")
        expect(any(s.get("type") == "dir" and s.get("path") == ".." for s in last.get("sources", [])),
               "myelin is not built from this repository (a \"dir\" source with path \"..\")")
        profile = "development" if app_id.endswith(".Devel") else "default"
        opts = last.get("config-opts", [])
        expect(f"-Dprofile={profile}" in opts or (profile == "default" and
                                                  not any(o.startswith("-Dprofile=") for o in opts)),
               f"myelin is not built with -Dprofile={profile} for {app_id}")
    return problems


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, app_id = argv[1], argv[2]
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}")
        return 1
    problems = check(manifest, app_id)
    for problem in problems:
        print(f"{path}: {problem}")
    if not problems:
        print(f"{path}: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
