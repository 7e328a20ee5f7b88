#!/usr/bin/env python3
"""test-cli-password-pg.py CLI: the password prompt of shuangyong-cli (TAP).

Runs under run-with-pg.sh (SY_TEST_PG_SOCKET, SY_TEST_PG_PORT): the test
server asks the role sy_pw_desk for its password (pg-server.sh).  On a
terminal (a pty here) the CLI asks "Password for USER@SERVER/DB: " with echo
off, asks again after a wrong password, connects with the right one and
leaves echo on again, also when interrupted at the prompt; three wrong
answers fail like any other open error; migrate asks for its target's
password the same way.  Without a terminal it never asks:
the error names SHUANGYONG_DB_PASSWORD, which scripts use.
"""
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
import urllib.parse

CLI = sys.argv[1]
SOCKET = os.environ["SY_TEST_PG_SOCKET"]
PORT = os.environ["SY_TEST_PG_PORT"]
ROLE = "sy_pw_desk"
DBNAME = "sy_pw_cli"
PASSWORD = "Right;pass=w@rd%"
PG_BIN = "/usr/lib/postgresql/15/bin"

n = 0
failed = False


def check(ok, desc, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, desc))
    if not ok:
        failed = True
        for line in str(detail).splitlines()[-40:]:
            print("# " + line)
    sys.stdout.flush()


def psql(dbname, sql):
    cmd = [PG_BIN + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
           "-h", SOCKET, "-p", PORT, "-U", "postgres", "-d", dbname, "-c", sql]
    if os.getuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def clean_env():
    env = dict(os.environ)
    for name in ("SHUANGYONG_DB_PASSWORD", "PGPASSWORD"):
        env.pop(name, None)
    env["PGPASSFILE"] = "/nonexistent/pgpass"
    return env


class Terminal:
    """The CLI on a pty: stdin, stdout and stderr are the terminal."""

    def __init__(self, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(CLI, [CLI] + args, clean_env())
        self.output = b""
        self.status = None

    def prompts(self):
        # The tests run in zh_CN: either language's prompt.
        text = self.text()
        return text.count("Password for %s: " % who) + text.count("%s 的密码：" % who)

    def read_prompts(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while self.prompts() < count and time.monotonic() < deadline:
            self.read_until("\0never\0", timeout=0.2)
        return self.prompts() >= count

    def read_until(self, needle, count=1, timeout=30):
        deadline = time.monotonic() + timeout
        while self.output.count(needle.encode()) < count and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                self.output += data
        return self.output.count(needle.encode()) >= count

    def echo_on(self):
        # On Linux the master's TCGETS reads the terminal (slave) settings.
        return bool(termios.tcgetattr(self.fd)[3] & termios.ECHO)

    def send(self, text):
        os.write(self.fd, text.encode())

    def wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read_until("\0never\0", timeout=0.2)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                self.read_until("\0never\0", timeout=0.5)
                return status
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None

    def text(self):
        return self.output.decode(errors="replace")


psql("postgres", "CREATE ROLE %s LOGIN PASSWORD '%s'" % (ROLE, PASSWORD))
psql("postgres", "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0 OWNER %s" % (DBNAME, ROLE))
uri = "postgresql://%s@%s:%s/%s" % (ROLE, urllib.parse.quote(SOCKET, safe=""), PORT, DBNAME)
who = "%s@%s:%s/%s" % (ROLE, SOCKET, PORT, DBNAME)

# A script: the password in the environment (and the database migrated).
env = clean_env()
env["SHUANGYONG_DB_PASSWORD"] = PASSWORD
r = subprocess.run([CLI, "--db", uri, "init"], env=env, stdin=subprocess.DEVNULL,
                   capture_output=True, text=True)
check(r.returncode == 0, "init with SHUANGYONG_DB_PASSWORD", r.stderr)

# No terminal, no password: the error, a hint, no prompt, exit 1.
r = subprocess.run([CLI, "--db", uri, "info"], env=clean_env(), stdin=subprocess.DEVNULL,
                   capture_output=True, text=True, timeout=60)
check(r.returncode == 1, "without a terminal: exit 1 as for other open errors", r)
check("SHUANGYONG_DB_PASSWORD" in r.stderr, "… with the hint to set SHUANGYONG_DB_PASSWORD", r.stderr)
check(who in r.stderr, "… naming user, server and database", r.stderr)
check(r.stderr.count(who) == 1, "… and no prompt", r.stderr)

# A terminal: asked with echo off, asked again after a wrong password.
t = Terminal(["--db", uri, "info"])
check(t.read_prompts(1), "the prompt names user@server/db", t.text())
check(not t.echo_on(), "echo is off at the prompt")
t.send("wrong-one\n")
check(t.read_prompts(2), "a wrong password is refused and asked again", t.text())
check("wrong-one" not in t.text(), "the typed password is not echoed", t.text())
check(not t.echo_on(), "echo is off at the second prompt")
t.send(PASSWORD + "\n")
status = t.wait()
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
      "the right password connects (exit 0)", t.text())
check(PASSWORD not in t.text(), "the right password is not echoed either", t.text())
check(t.echo_on(), "echo is on again after the prompt")

# Interrupted at the prompt: the terminal gets its echo back.
t = Terminal(["--db", uri, "info"])
check(t.read_prompts(1), "asked again in a new process", t.text())
check(not t.echo_on(), "echo off before the interrupt")
os.kill(t.pid, signal.SIGINT)
status = t.wait()
check(status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT,
      "Ctrl+C ends it by the signal", status)
check(t.echo_on(), "echo is on again after Ctrl+C")

# Three wrong answers: the error, exit 1, no fourth prompt.
t = Terminal(["--db", uri, "info"])
for attempt in range(3):
    t.read_prompts(attempt + 1)
    t.send("wrong-%d\n" % attempt)
status = t.wait()
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1,
      "three wrong passwords: exit 1", t.text())
check(t.prompts() == 3, "… after exactly three prompts", t.text())
check(t.echo_on(), "… with echo on again")

# migrate asks for the target's password too, and uses it.
import tempfile
local = tempfile.mkdtemp(prefix="sy-pw-local-")
r = subprocess.run([CLI, "--db", local, "init"], env=clean_env(), stdin=subprocess.DEVNULL,
                   capture_output=True, text=True)
check(r.returncode == 0, "a local database to migrate", r.stderr)
psql("postgres", "CREATE DATABASE sy_pw_migrate ENCODING 'UTF8' TEMPLATE template0 OWNER %s" % ROLE)
target = "postgresql://%s@%s:%s/sy_pw_migrate" % (ROLE, urllib.parse.quote(SOCKET, safe=""), PORT)
who = "%s@%s:%s/sy_pw_migrate" % (ROLE, SOCKET, PORT)
t = Terminal(["migrate", "--from", local, "--to", target])
check(t.read_prompts(1), "migrate asks for the target's password", t.text())
t.send(PASSWORD + "\n")
status = t.wait()
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
      "… and migrates with it (exit 0, asked once)", t.text())
check(t.prompts() == 1 and "migrated" in t.text(), "… saying so", t.text())
subprocess.run(["rm", "-rf", local])

print("1..%d" % n)
sys.exit(1 if failed else 0)
