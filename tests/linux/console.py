# SPDX-License-Identifier: GPL-2.0-or-later
"""console.py SOCKET LOG [STOP] -- a person at the serial console of the
test initramfs's interactive shell (tests/linux/console.sh runs it).

Connects to QEMU's UART0 on the unix socket SOCKET (QEMU the server),
copies everything the guest prints to LOG, and types as a person does:
a command, Ctrl-C (0x03) into a foreground "sleep 30", a line edited with
backspace (0x7f) and recalled with the up arrow, then STOP: "reboot"
(the default: QEMU stops), "poweroff" (the machine powers off: QEMU
stops; raspi0) or "halt" (types poweroff, which only halts versatilepb:
the kernel says so, QEMU runs on).  Prints "ok - ..." / "not ok - ..."
lines and returns once the guest has closed the console (QEMU stopped)
or the wait for that ends.
"""
import re
import socket
import sys
import threading
import time

# ash's prompt, at the start of a line (a line redrawn by the editor
# starts with a carriage return only); line editing then asks the terminal
# where the cursor is (ESC [ 6 n), which a person's terminal answers and
# we leave be.
PROMPT = re.compile(rb"\n[^\r\n]*[#$] (\x1b\[6n)?$")


class Console:
    def __init__(self, path, log):
        deadline = time.monotonic() + 60
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.log = open(log, "wb")
        self.buf = b""
        self.closed = False
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            try:
                data = self.sock.recv(4096)
            except OSError:
                data = b""
            with self.cond:
                if not data:
                    self.closed = True
                else:
                    self.buf += data
                    self.log.write(data)
                    self.log.flush()
                self.cond.notify_all()
            if not data:
                return

    def mark(self):
        with self.cond:
            return len(self.buf)

    def expect(self, pattern, start, timeout):
        """The match of PATTERN (bytes regex) in the output since START,
        or None after TIMEOUT seconds or the console's end."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                m = rx.search(self.buf, start)
                if m or self.closed:
                    return m
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def wait_closed(self, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not self.closed and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            return self.closed

    def type(self, text):
        self.sock.sendall(text if isinstance(text, bytes) else text.encode())

    def prompt(self, start, timeout=30):
        """Wait for the shell's prompt at the end of the output."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.expect(PROMPT, start, 1) and PROMPT.search(self.buf[-40:]):
                return True
            time.sleep(0.05)
        return False

    def command(self, line, timeout=30):
        """Type LINE and Enter; the output up to the next prompt."""
        start = self.mark()
        self.type(line + "\r")
        self.prompt(start, timeout)
        return self.buf[start:].replace(b"\r", b"")


passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print("%s - %s" % ("ok" if ok else "not ok", what), flush=True)


def uptime(con):
    out = con.command("cut -d' ' -f1 /proc/uptime")
    m = re.search(rb"\n([0-9]+\.[0-9]+)\n", out)
    return float(m.group(1)) if m else None


def main():
    path, log = sys.argv[1], sys.argv[2]
    stop = sys.argv[3] if len(sys.argv) > 3 else "reboot"
    t0 = time.monotonic()
    con = Console(path, log)
    booted = con.expect(rb"armpv: interactive shell", 0, 120) is not None
    check(booted and con.prompt(0), "a shell prompt on the console (%.1f s)"
          % (time.monotonic() - t0))
    if not booted:
        return

    # Late kernel messages (deferred probes, 10 s after boot) would land
    # inside the lines we look for: first keep them off the console.
    con.command("dmesg -n 1")
    out = con.command("echo hello $((6 * 7))")
    check(b"\nhello 42\n" in out, "a typed command runs: echo hello $((6 * 7)) -> hello 42")
    out = con.command("tty")
    check(b"\n/dev/ttyAMA0\n" in out, "the shell's terminal is /dev/ttyAMA0")

    # Ctrl-C: SIGINT for the foreground job, the prompt back at once.
    before = uptime(con)
    start = con.mark()
    con.type("sleep 30\r")
    con.expect(rb"sleep 30\r?\n", start, 10)
    time.sleep(1)
    t1 = time.monotonic()
    start = con.mark()
    con.type(b"\x03")
    back = con.prompt(start, 10)
    real = time.monotonic() - t1
    check(back and real < 5, "Ctrl-C ends 'sleep 30': prompt back in %.1f s" % real)
    out = con.command("echo status=$?")
    check(b"\nstatus=130\n" in out, "the sleep died of SIGINT (status 130)")
    after = uptime(con)
    if before is not None and after is not None:
        check(after - before < 10,
              "guest time across sleep 30 and Ctrl-C: %.1f s (< 10)" % (after - before))
    else:
        check(False, "guest uptime readable before and after sleep 30")

    # Line editing: backspace over the c, then the up arrow and Enter.
    out = con.command("echo abc\x7fd")
    check(b"\nabd\n" in out, "line editing: 'echo abc', backspace, 'd' -> abd")
    out = con.command("\x1b[A")
    check(b"\nabd\n" in out, "history: up arrow, Enter -> abd again")

    start = con.mark()
    con.type(("poweroff" if stop == "halt" else stop) + "\r")
    if stop == "reboot":
        m = con.expect(rb"reboot: Restarting system", start, 60)
        closed = con.wait_closed(30)
        check(m is not None and closed,
              "reboot: the kernel restarts and QEMU stops (-no-reboot)")
    elif stop == "poweroff":
        m = con.expect(rb"reboot: Power down", start, 60)
        closed = con.wait_closed(30)
        check(m is not None and closed,
              "poweroff: the kernel powers down and QEMU stops")
    else:
        # versatilepb cannot power off: the kernel halts instead, and
        # QEMU runs on (the script kills it).
        m = con.expect(rb"reboot: System halted", start, 60)
        check(m is not None, "poweroff: the kernel halts (versatilepb has no power-off)")
    print("# %.1f s at the console" % (time.monotonic() - t0))


if __name__ == "__main__":
    main()
    sys.exit(1 if failed else 0)
