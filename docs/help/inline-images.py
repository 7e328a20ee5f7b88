#!/usr/bin/env python3
"""Writes the user guide as one self-contained HTML file.

usage: inline-images.py INPUT.html OUTPUT.html

Every <img src="relative/path.png"> becomes a data: URI read relative to
INPUT, so the installed guide opens anywhere (a Flatpak hands the browser
only the one file).  A missing image is an error naming the file and line.
"""
import base64
import mimetypes
import os
import re
import sys

IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^":]+)(")')


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    source, target = argv[1], argv[2]
    base = os.path.dirname(os.path.abspath(source))
    with open(source, encoding='utf-8') as f:
        lines = f.read().split('\n')

    errors = []

    def inline(match, lineno):
        path = os.path.normpath(os.path.join(base, match.group(2)))
        try:
            with open(path, 'rb') as img:
                data = base64.b64encode(img.read()).decode('ascii')
        except OSError as e:
            errors.append(f'{source}:{lineno}: image “{match.group(2)}”: {e.strerror}')
            return match.group(0)
        mime = mimetypes.guess_type(path)[0] or 'application/octet-stream'
        return f'{match.group(1)}data:{mime};base64,{data}{match.group(3)}'

    out = [IMG_SRC.sub(lambda m, n=n: inline(m, n), line) for n, line in enumerate(lines, 1)]
    if errors:
        sys.stderr.write('\n'.join(errors) + '\n')
        return 1

    tmp = target + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
