#!/usr/bin/env python3
# Offline checks of the Flatpak manifest (flatpak/io.github.shuangyong.Ledger.json).
#
#   check-flatpak.py SOURCE_ROOT
#
# 1. flatpak-builder --show-manifest parses it without a warning (it only warns
#    on unknown properties such as a misspelt "sha265", so a warning fails);
#    it needs neither the network nor the runtime.
# 2. Structure, checked with python's json so it runs without flatpak-builder:
#    the modules issue 8 asks for are all there, every remote source is pinned
#    (sha256 for archives and files, commit for git) and watched
#    (x-checker-data), patches exist, the finish-args are the agreed ones and
#    grant no home or host filesystem.
# 3. A self-test: each rule must reject a manifest broken on purpose, so a
#    check that silently stopped checking would fail here.
#
# Exit 0 pass, 1 fail, 77 skip (flatpak-builder missing: the json checks still
# ran and passed, but the parse check could not).

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = 'io.github.shuangyong.Ledger'
APP_MODULE = 'shuangyong'
# What issue 8 names, plus the fonts the ledger is set in (sy-ledger-style.h).
REQUIRED_MODULES = ['libpq', 'libgda', 'poppler', 'poppler-data',
                    'libxlsxwriter', 'fonts-noto-cjk', APP_MODULE]
REQUIRED_FINISH_ARGS = ['--socket=wayland', '--socket=fallback-x11',
                        '--share=ipc', '--device=dri', '--share=network']
LIBGDA_OPTS = ['--with-ui=no', '--with-help=no', '--disable-tools',
               '--enable-system-sqlite', '--with-postgres=yes']
# The other libgda providers, each explicitly off.
LIBGDA_OFF = ['--with-bdb=no', '--with-mysql=no', '--with-oracle=no',
              '--with-java=no', '--with-ldap=no', '--with-firebird=no',
              '--with-mdb=no', '--disable-crypto']
# Files come in and go out through portals: no broad filesystem grant.
FORBIDDEN_FS = re.compile(r'^--filesystem=(home|host|host-os|host-etc|~|/)([:/].*)?$')
HEX64 = re.compile(r'^[0-9a-f]{64}$')
HEX40 = re.compile(r'^[0-9a-f]{40}$')


def source_problems(mod_name, src, manifest_dir):
  where = f'module {mod_name}: source {src.get("type", "?")}'
  kind = src.get('type')
  if kind in ('archive', 'file'):
    if 'path' in src and 'url' not in src:
      return [f'{where}: local path {src["path"]}: bundle a pinned download instead']
    problems = []
    if not HEX64.match(src.get('sha256', '')):
      problems.append(f'{where} {src.get("url", "")}: no sha256 pin')
    if not src.get('url', '').startswith('https://'):
      problems.append(f'{where}: url must be https')
    if 'x-checker-data' not in src:
      problems.append(f'{where} {src.get("url", "")}: no x-checker-data')
    return problems
  if kind == 'git':
    if not HEX40.match(src.get('commit', '')):
      return [f'{where} {src.get("url", "")}: no commit pin']
    return []
  if kind == 'patch':
    paths = src.get('paths', [src.get('path', '')])
    return [f'{where}: {p}: no such file' for p in paths
            if not os.path.isfile(os.path.join(manifest_dir, p))]
  if kind == 'dir':
    if mod_name != APP_MODULE:
      return [f'{where}: only the app itself may come from a local dir']
    return []
  return [f'{where}: unknown source type, cannot tell whether it is pinned']


def manifest_problems(manifest, manifest_dir):
  problems = []
  if manifest.get('id') != APP_ID:
    problems.append(f'id is {manifest.get("id")!r}, expected {APP_ID}')
  if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    problems.append('runtime/sdk must be org.gnome.Platform/org.gnome.Sdk')

  finish_args = manifest.get('finish-args', [])
  for arg in finish_args:
    if FORBIDDEN_FS.match(arg):
      problems.append(f'finish-args: {arg} grants home/host access; use the portals')
  for arg in REQUIRED_FINISH_ARGS:
    if arg not in finish_args:
      problems.append(f'finish-args: {arg} missing')

  modules = {}

  def collect(mods):
    for mod in mods:
      if isinstance(mod, str):
        problems.append(f'module file {mod}: keep every module in the one manifest')
        continue
      modules[mod.get('name')] = mod
      collect(mod.get('modules', []))

  collect(manifest.get('modules', []))
  for name in REQUIRED_MODULES:
    if name not in modules:
      problems.append(f'module {name} missing')
  last = manifest.get('modules', [{}])[-1]
  if isinstance(last, dict) and last.get('name') != APP_MODULE:
    problems.append(f'the app module {APP_MODULE} must be built last')

  for name, mod in modules.items():
    sources = mod.get('sources', [])
    if not sources:
      problems.append(f'module {name}: no sources')
    for src in sources:
      if isinstance(src, str):
        problems.append(f'module {name}: source file {src}: keep sources inline')
        continue
      problems += source_problems(name, src, manifest_dir)

  gda_opts = modules.get('libgda', {}).get('config-opts', [])
  for opt in LIBGDA_OPTS + LIBGDA_OFF:
    if opt not in gda_opts:
      problems.append(f'module libgda: config-opts lacks {opt}')
  return problems


def self_test(manifest, manifest_dir):
  """Each breakage must be reported, or the checks above check nothing."""
  def mutated(fn):
    m = copy.deepcopy(manifest)
    fn(m)
    return m

  def module(m, name):
    return next(x for x in m['modules'] if x.get('name') == name)

  cases = {
    'filesystem=home': lambda m: m['finish-args'].append('--filesystem=home'),
    'filesystem=host:ro': lambda m: m['finish-args'].append('--filesystem=host:ro'),
    'missing sha256': lambda m: module(m, 'poppler')['sources'][0].pop('sha256'),
    'missing x-checker-data': lambda m: module(m, 'libpq')['sources'][0].pop('x-checker-data'),
    'unpinned git': lambda m: module(m, 'libxlsxwriter')['sources'].__setitem__(
      0, {'type': 'git', 'url': 'https://example.org/x.git', 'branch': 'main'}),
    'missing module': lambda m: m['modules'].remove(module(m, 'poppler-data')),
    'missing patch file': lambda m: module(m, 'libgda')['sources'].append(
      {'type': 'patch', 'path': 'patches/no-such.patch'}),
    'libgda option dropped': lambda m: module(m, 'libgda')['config-opts'].remove(
      '--enable-system-sqlite'),
  }
  failures = []
  for label, fn in cases.items():
    if not manifest_problems(mutated(fn), manifest_dir):
      failures.append(f'self-test: a manifest with "{label}" passed the checks')
  return failures


def show_manifest(flatpak_builder, path):
  """flatpak-builder's own parse; its warnings (unknown properties) count."""
  with tempfile.TemporaryDirectory() as state:
    # Run from an empty dir so no .flatpak-builder state lands in the tree.
    proc = subprocess.run([flatpak_builder, '--show-manifest', path],
                          cwd=state, capture_output=True, text=True, timeout=60)
  problems = []
  if proc.returncode != 0:
    problems.append(f'flatpak-builder --show-manifest failed: {proc.stderr.strip()}')
  elif proc.stderr.strip():
    problems.append(f'flatpak-builder --show-manifest warned: {proc.stderr.strip()}')
  return problems


def main():
  root = sys.argv[1] if len(sys.argv) > 1 else '.'
  path = os.path.abspath(os.path.join(root, 'flatpak', APP_ID + '.json'))
  try:
    with open(path, encoding='utf-8') as f:
      manifest = json.load(f)
  except (OSError, ValueError) as e:
    print(f'{path}: {e}')
    return 1

  manifest_dir = os.path.dirname(path)
  problems = manifest_problems(manifest, manifest_dir)
  problems += self_test(manifest, manifest_dir)

  flatpak_builder = shutil.which('flatpak-builder')
  if flatpak_builder:
    problems += show_manifest(flatpak_builder, path)

  for p in problems:
    print(f'{path}: {p}')
  if problems:
    return 1
  if not flatpak_builder:
    print('SKIP: flatpak-builder not found; the json checks passed, the parse check did not run')
    return 77
  print(f'ok: {path}')
  return 0


if __name__ == '__main__':
  sys.exit(main())
