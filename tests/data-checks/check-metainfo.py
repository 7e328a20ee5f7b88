#!/usr/bin/env python3
# What a software centre needs from the merged AppStream metainfo, beyond what
# appstreamcli/appstream-util validate (they accept a file without
# screenshots, without a Chinese name or with a screenshot nobody took):
#
#   check-metainfo.py METAINFO DESKTOP SOURCE_ROOT
#
# - name and summary in English and in Chinese (merged from po/zh_CN.po);
# - a description, a release, an OARS 1.1 content rating, a developer with
#   id and name, homepage and bugtracker URLs, the launchable .desktop file;
# - categories Office and Database, the same in the .desktop file;
# - at least 3 screenshots, one default, each with a caption, each image URL
#   naming a file that exists in docs/screenshots/ (the URL is where the
#   repository publishes that file).
# Exit 0 pass, 1 fail.

import configparser
import os
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
SCREENSHOT_URL = 'https://raw.githubusercontent.com/shuangyong/ledger/main/docs/screenshots/'
CATEGORIES = {'Office', 'Database'}


def texts(root, tag):
  """{lang or None: text} of the direct children named @tag."""
  return {el.get(XML_LANG): (el.text or '').strip() for el in root.findall(tag)}


def problems_of(metainfo, desktop, source_root):
  problems = []
  root = ET.parse(metainfo).getroot()
  app_id = root.findtext('id')

  for tag in ('name', 'summary'):
    found = texts(root, tag)
    if not found.get(None):
      problems.append(f'<{tag}> in English missing')
    if not found.get('zh_CN'):
      problems.append(f'<{tag} xml:lang="zh_CN"> missing (is it translated in po/zh_CN.po?)')

  desc = root.find('description')
  if desc is None or not any(p.get(XML_LANG) is None for p in desc.findall('p')):
    problems.append('<description> with an English paragraph missing')
  elif not any(p.get(XML_LANG) == 'zh_CN' for p in desc.findall('p')):
    problems.append('<description> has no zh_CN paragraph')

  releases = root.findall('releases/release')
  if not releases or not all(r.get('version') and r.get('date') for r in releases):
    problems.append('<releases> needs releases with version and date')

  rating = root.find('content_rating')
  if rating is None or rating.get('type') != 'oars-1.1':
    problems.append('<content_rating type="oars-1.1"> missing')

  dev = root.find('developer')
  if dev is None or not dev.get('id') or not (dev.findtext('name') or '').strip():
    problems.append('<developer id=…><name>…</name></developer> missing')

  urls = {u.get('type'): (u.text or '').strip() for u in root.findall('url')}
  for kind in ('homepage', 'bugtracker'):
    if not urls.get(kind, '').startswith('https://'):
      problems.append(f'<url type="{kind}"> missing')

  launchable = root.find('launchable')
  if launchable is None or launchable.text != f'{app_id}.desktop':
    problems.append(f'<launchable type="desktop-id">{app_id}.desktop</launchable> missing')
  if not root.findall('provides/binary'):
    problems.append('<provides><binary> missing')

  categories = {c.text for c in root.findall('categories/category')}
  if not CATEGORIES <= categories:
    problems.append(f'<categories> {sorted(categories)} lack {sorted(CATEGORIES - categories)}')
  entry = configparser.ConfigParser(interpolation=None, strict=False)
  entry.optionxform = str
  entry.read(desktop, encoding='utf-8')
  desktop_categories = set(entry.get('Desktop Entry', 'Categories', fallback='').split(';'))
  if not CATEGORIES <= desktop_categories:
    problems.append(f'{os.path.basename(desktop)}: Categories lack {sorted(CATEGORIES - desktop_categories)}')

  shots = root.findall('screenshots/screenshot')
  if len(shots) < 3:
    problems.append(f'{len(shots)} screenshots, a software centre wants at least 3')
  if sum(1 for s in shots if s.get('type') == 'default') != 1:
    problems.append('exactly one screenshot must be type="default"')
  for shot in shots:
    caption = texts(shot, 'caption')
    image = (shot.findtext('image') or '').strip()
    if not caption.get(None):
      problems.append(f'screenshot {image}: no caption')
    elif not caption.get('zh_CN'):
      problems.append(f'screenshot {image}: caption not translated to zh_CN')
    if not image.startswith(SCREENSHOT_URL):
      problems.append(f'screenshot {image}: not under {SCREENSHOT_URL}')
      continue
    local = os.path.join(source_root, 'docs', 'screenshots', image[len(SCREENSHOT_URL):])
    if not os.path.isfile(local):
      problems.append(f'screenshot {image}: {local} does not exist '
                      '(build-aux/take-screenshots.sh takes them)')
  return problems


def main():
  if len(sys.argv) != 4:
    print('usage: check-metainfo.py METAINFO DESKTOP SOURCE_ROOT')
    return 2
  metainfo, desktop, source_root = sys.argv[1:]
  try:
    problems = problems_of(metainfo, desktop, source_root)
  except (OSError, ET.ParseError, configparser.Error) as e:
    problems = [str(e)]
  for p in problems:
    print(f'{metainfo}: {p}')
  if problems:
    return 1
  print(f'ok: {metainfo}')
  return 0


if __name__ == '__main__':
  sys.exit(main())
