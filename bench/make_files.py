#!/usr/bin/python3
"""One plain-text file per article for omindex, mtime set to the article date.

    make_files.py ARTICLES.jsonl OUT_DIR

omindex indexes a directory tree and dates each document by its file's
mtime (its D/M/Y date terms and value slot come from it), so the file's
mtime is set to noon UTC of the article's date.  The file holds the title,
a blank line and the text.  Files go 1,000 to a subdirectory so no
directory gets huge.  An existing OUT_DIR with a complete ".done" marker is
reused: writing 830k files takes a while and the result never changes.
"""
import calendar
import json
import os
import sys


def main():
    articles, out = sys.argv[1], sys.argv[2]
    marker = os.path.join(out, ".done")
    if os.path.exists(marker):
        return
    with open(articles, encoding="utf-8") as f:
        for n, line in enumerate(f):
            a = json.loads(line)
            sub = os.path.join(out, "%05d" % (n // 1000))
            if n % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            path = os.path.join(sub, "%07d.txt" % n)
            with open(path, "w", encoding="utf-8") as g:
                g.write(a["title"] + "\n\n" + a["text"] + "\n")
            if a.get("date"):
                y, m, d = map(int, a["date"].split("-"))
                t = calendar.timegm((y, m, d, 12, 0, 0))
                os.utime(path, (t, t))
    # The marker is hidden, so omindex skips it like any dot file.
    open(marker, "w").close()


if __name__ == "__main__":
    main()
