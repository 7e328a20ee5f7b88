#!/usr/bin/env python3
"""crash-harness.py CLI [--kills N] [--seed S] [--rows R] [--actions A,B] [--keep]

Crash safety, proven by killing: in a temporary office database (init +
demo) a child `shuangyong-cli` runs one of

  import  `import recipients` of a fresh CSV of ROWS new people,
  run     `run create` of a disbursement run,
  ledger  `ledger … -o out.pdf` over an older out.pdf,

and gets SIGKILL after a random delay within the runtime that action took
uninterrupted (measured once on a copy of the database).  After each kill:

  - `shuangyong-cli check` passes (integrity, foreign keys, every attachment
    present with its hash);
  - every row committed before the child started is still there, unchanged
    (a multiset of row hashes per table, FTS shadow tables aside);
  - the import is all or nothing (sy-recipient-importer.h: one
    transaction): none or every one of the file's ID numbers is stored;
  - a run is all or nothing: either no new run, or one whose lines and
    exclusions equal what the same `run create` gives, uninterrupted, on a
    copy of the database taken before the child started;
  - out.pdf is either the old file byte for byte or a complete new PDF
    (`qpdf --check`); the ledger's temporary files (out.pdf.tmp-*) are
    reported, not failed: their names cannot be mistaken for the PDF.

Children that finish before their kill are checked the same way (and must
exit 0); the harness goes on until N children were killed.  The RNG is
seeded (--seed, default: from the clock) and the seed is printed, so a
failure replays with the same seed.  Output is TAP, one line per child,
and a summary line "# crash-harness: …".  Needs python3 and qpdf.
"""
import argparse
import collections
import datetime
import hashlib
import importlib.util
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "110105"  # not a region of the demo office: the file's IDs are new
FIRST_BIRTH = datetime.date(1940, 1, 1)
RUN_KIND = "定期抚恤金"


def load_generator():
    """bench/gen-recipients.py, for its GB 11643 id_number()."""
    path = os.path.join(HERE, "..", "..", "bench", "gen-recipients.py")
    spec = importlib.util.spec_from_file_location("gen_recipients", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Harness:
    def __init__(self, args):
        self.cli = os.path.abspath(args.cli)
        self.rows = args.rows
        self.actions = args.actions.split(",")
        self.seed = args.seed
        self.rng = random.Random(self.seed)
        self.gen = load_generator()
        self.work = tempfile.mkdtemp(prefix="sy-crash.")
        self.db = os.path.join(self.work, "db")
        self.out = os.path.join(self.work, "out", "out.pdf")
        os.mkdir(os.path.dirname(self.out))
        self.n_files = 0
        self.n_periods = 0
        self.tap = 0
        self.failures = 0
        self.leftovers = []
        self.counts = collections.Counter()

    # --- running the CLI -------------------------------------------------
    def cli_run(self, db, *args, check=True):
        proc = subprocess.run([self.cli, "--db", db] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and proc.returncode != 0:
            raise RuntimeError("shuangyong-cli %s failed (%d): %s" % (
                " ".join(args), proc.returncode,
                proc.stderr.decode(errors="replace")[-2000:]))
        return proc

    def action_args(self, action, db, path=None):
        if action == "import":
            return ["import", "recipients", path]
        if action == "run":
            return ["run", "create", "--kind", RUN_KIND, "--period", path]
        return ["ledger", "--from", str(self.year), "--to", str(self.year), "-o", path]

    # --- data --------------------------------------------------------------
    def write_csv(self):
        """ROWS people no earlier file had: birth dates advance per file."""
        index = self.n_files
        self.n_files += 1
        path = os.path.join(self.work, "import-%03d.csv" % index)
        ids = []
        lines = ["姓名,身份证号,性别,所属村（社区）,优抚类别,状态"]
        per_day = 1000
        days = (self.rows + per_day - 1) // per_day
        for n in range(self.rows):
            born = FIRST_BIRTH + datetime.timedelta(days=index * days + n // per_day)
            sequence = n % per_day
            key = self.gen.id_number(REGION, born, sequence)
            ids.append(key)
            name = (self.gen.SURNAMES[n % len(self.gen.SURNAMES)]
                    + self.gen.GIVEN[n // 20 % len(self.gen.GIVEN)]
                    + self.gen.GIVEN[n // 360 % len(self.gen.GIVEN)])
            lines.append("%s,%s,%s,东风村,退役士兵,在册" % (
                name, key, "男" if sequence % 2 else "女"))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return path, ids

    def connect(self, db):
        return sqlite3.connect(os.path.join(db, "office.db"))

    def snapshot(self):
        """Per table, the multiset of row hashes (FTS shadow tables aside:
        SQLite rewrites their segments on any insert)."""
        con = self.connect(self.db)
        try:
            virtual = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")]
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            result = {}
            for table in tables:
                if table in virtual or any(table.startswith(v + "_") for v in virtual):
                    continue
                rows = collections.Counter()
                for row in con.execute('SELECT * FROM "%s"' % table):
                    rows[hashlib.sha1(repr(row).encode()).digest()] += 1
                result[table] = rows
            return result
        finally:
            con.close()

    def count_ids(self, ids):
        con = self.connect(self.db)
        try:
            con.execute("CREATE TEMP TABLE wanted (id TEXT PRIMARY KEY)")
            con.executemany("INSERT INTO wanted VALUES (?)", ((i,) for i in ids))
            return con.execute(
                "SELECT count(*) FROM recipient WHERE id_number IN (SELECT id FROM wanted)").fetchone()[0]
        finally:
            con.close()

    def run_summary(self, db, batch_id):
        """What a run is made of, without ids and timestamps."""
        con = self.connect(db)
        try:
            batch = con.execute(
                "SELECT kind, period, title, state FROM disbursement_batch WHERE id = ?",
                (batch_id,)).fetchone()
            lines = sorted(con.execute(
                "SELECT r.id_number, l.months, l.amount_fen, l.category, l.status "
                "FROM disbursement_line l JOIN recipient r ON r.id = l.recipient_id "
                "WHERE l.batch_id = ?", (batch_id,)).fetchall())
            exclusions = con.execute(
                "SELECT count(*) FROM disbursement_exclusion WHERE batch_id = ?",
                (batch_id,)).fetchone()[0]
            return batch, lines, exclusions
        finally:
            con.close()

    def batch_ids(self, db):
        con = self.connect(db)
        try:
            return {r[0] for r in con.execute("SELECT id FROM disbursement_batch")}
        finally:
            con.close()

    # --- setup ---------------------------------------------------------------
    def setup(self):
        self.cli_run(self.db, "init")
        self.cli_run(self.db, "demo", "--seed", "1")
        con = self.connect(self.db)
        self.year = int(con.execute(
            "SELECT max(substr(period, 1, 4)) FROM disbursement_batch").fetchone()[0])
        con.close()
        # Uninterrupted runtimes, on a copy so that the database under test
        # only ever sees the children that get killed.
        calib = os.path.join(self.work, "calibration")
        shutil.copytree(self.db, calib)
        self.runtime = {}
        path, _ = self.write_csv()
        for action, target in (("import", path), ("run", self.next_period()),
                               ("ledger", os.path.join(self.work, "calibration.pdf"))):
            if action not in self.actions:
                continue
            # The first ledger of a database also makes the photos' print
            # copies, which later ledgers reuse: time the second one.
            for _ in range(2 if action == "ledger" else 1):
                start = time.monotonic()
                self.cli_run(calib, *self.action_args(action, calib, target))
                self.runtime[action] = time.monotonic() - start
        shutil.rmtree(calib)
        os.unlink(path)
        # The older out.pdf every ledger child replaces.
        if "ledger" in self.actions:
            self.cli_run(self.db, *self.action_args("ledger", self.db, self.out))
        print("# seed %d; uninterrupted: %s" % (self.seed, ", ".join(
            "%s %.3f s" % (action, self.runtime[action]) for action in self.actions)), flush=True)

    def next_period(self):
        """A month no run has paid yet, so that every run has lines."""
        month = self.n_periods
        self.n_periods += 1
        return "%d-%02d" % (self.year + 1 + month // 12, month % 12 + 1)

    # --- one child -------------------------------------------------------------
    def result(self, ok, text, details=()):
        self.tap += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.tap, text), flush=True)
        for line in details:
            print("# " + line, flush=True)
        if not ok:
            self.failures += 1

    def scan_leftovers(self):
        found = []
        for root, _, files in os.walk(self.work):
            for name in files:
                if ".tmp-" in name or name.startswith("."):
                    found.append(os.path.relpath(os.path.join(root, name), self.work))
        for rel in found:
            os.unlink(os.path.join(self.work, rel))
        return found

    def one(self):
        action = self.rng.choice(self.actions)
        delay = self.rng.uniform(0, self.runtime[action])
        problems = []
        before = self.snapshot()
        ids = None
        target = None
        pre = None
        if action == "import":
            target, ids = self.write_csv()
            if self.count_ids(ids) != 0:
                raise RuntimeError("the generated IDs are already stored")
        elif action == "run":
            target = self.next_period()
            pre = os.path.join(self.work, "pre-run")
            shutil.rmtree(pre, ignore_errors=True)
            shutil.copytree(self.db, pre)
            batches_before = self.batch_ids(self.db)
        else:
            target = self.out
            with open(self.out, "rb") as f:
                old_pdf = hashlib.sha256(f.read()).hexdigest()

        stdout = open(os.path.join(self.work, "child.out"), "wb")
        stderr = open(os.path.join(self.work, "child.err"), "wb")
        child = subprocess.Popen([self.cli, "--db", self.db] + self.action_args(action, self.db, target),
                                 stdout=stdout, stderr=stderr)
        time.sleep(delay)
        killed = child.poll() is None
        if killed:
            child.send_signal(signal.SIGKILL)
        status = child.wait()
        stdout.close()
        stderr.close()
        if not killed and status != 0:
            with open(os.path.join(self.work, "child.err"), "rb") as f:
                problems.append("the child failed on its own (exit %d): %s" % (
                    status, f.read().decode(errors="replace")[-500:]))

        check = self.cli_run(self.db, "check", check=False)
        if check.returncode != 0:
            problems.append("check failed (exit %d): %s %s" % (
                check.returncode, check.stdout.decode(errors="replace")[-1000:],
                check.stderr.decode(errors="replace")[-1000:]))

        after = self.snapshot()
        for table, rows in before.items():
            lost = rows - after.get(table, collections.Counter())
            if lost:
                problems.append("%s: %d committed row(s) lost or changed" % (table, sum(lost.values())))

        what = ""
        if action == "import":
            stored = self.count_ids(ids)
            if stored not in (0, len(ids)):
                problems.append("import half done: %d of %d people stored" % (stored, len(ids)))
            what = "all %d stored" % stored if stored else "nothing stored"
            os.unlink(target)
        elif action == "run":
            new = sorted(self.batch_ids(self.db) - batches_before)
            if len(new) > 1:
                problems.append("%d new runs from one run create" % len(new))
            elif new:
                self.cli_run(pre, *self.action_args("run", pre, target))
                reference = max(self.batch_ids(pre))
                mine = self.run_summary(self.db, new[0])
                theirs = self.run_summary(pre, reference)
                if mine != theirs:
                    problems.append("run %d differs from an uninterrupted run create "
                                    "(%d vs %d lines, %d vs %d exclusions)" % (
                                        new[0], len(mine[1]), len(theirs[1]), mine[2], theirs[2]))
                what = "run %d for %s complete (%d lines)" % (new[0], target, len(mine[1]))
            else:
                what = "no run for %s" % target
            shutil.rmtree(pre)
        else:
            if not os.path.exists(self.out):
                problems.append("out.pdf is gone")
            else:
                with open(self.out, "rb") as f:
                    new_pdf = hashlib.sha256(f.read()).hexdigest()
                if new_pdf == old_pdf:
                    what = "old out.pdf intact"
                else:
                    qpdf = subprocess.run(["qpdf", "--check", self.out],
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                    if qpdf.returncode != 0:
                        problems.append("out.pdf is neither the old file nor a complete PDF: %s" %
                                        qpdf.stdout.decode(errors="replace")[-500:])
                    what = "new out.pdf complete"

        leftovers = self.scan_leftovers()
        if leftovers:
            self.leftovers.extend(leftovers)
            what += "; temporary files left: " + ", ".join(leftovers)
        self.counts[(action, killed)] += 1
        self.result(not problems, "%s %s after %.3f of %.3f s: %s" % (
            action, "killed" if killed else "finished", delay, self.runtime[action], what),
            problems)
        return killed

    def close(self, keep):
        if keep:
            print("# kept %s" % self.work)
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description="SIGKILL shuangyong-cli at random moments")
    parser.add_argument("cli")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--actions", default="import,run,ledger",
                        help="which children to kill, comma-separated")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not args.actions or not set(args.actions.split(",")) <= {"import", "run", "ledger"}:
        parser.error("--actions: import, run and/or ledger")
    if args.seed is None:
        args.seed = int(time.time()) % 1000000
    if shutil.which("qpdf") is None:
        print("crash-harness: qpdf is missing (apt-get install qpdf)", file=sys.stderr)
        return 1

    harness = Harness(args)
    kills = 0
    children = 0
    try:
        harness.setup()
        # A child that finishes first is checked too, but is not a kill;
        # give up after 4 children per kill asked for.
        while kills < args.kills and children < 4 * args.kills:
            children += 1
            if harness.one():
                kills += 1
    except Exception as error:  # a harness failure is a test failure, with the seed
        harness.result(False, "harness error: %s" % error)
    finally:
        harness.close(args.keep or harness.failures > 0)
    if kills < args.kills:
        harness.result(False, "only %d of %d children could be killed" % (kills, args.kills))
    c = harness.counts
    print("1..%d" % harness.tap)
    print("# crash-harness: seed %d, %d kills (import %d, run %d, ledger %d), %d finished before "
          "the kill, %d failures, %d temporary files left behind" % (
              args.seed, kills, c[("import", True)], c[("run", True)], c[("ledger", True)],
              children - kills, harness.failures, len(harness.leftovers)), flush=True)
    return 1 if harness.failures else 0


if __name__ == "__main__":
    sys.exit(main())
