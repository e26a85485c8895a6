# SPDX-License-Identifier: GPL-2.0-or-later
"""gdb-clock.py SOCKET PC ADDRESS -- the 32-bit word at ADDRESS when the
guest first executes PC, read through QEMU's gdb stub.

tests/linux/bench-linux.sh starts the native QEMU stopped (-S) with its
gdb stub on the unix socket SOCKET (QEMU the server); this sets a
breakpoint at PC (the kernel's entry, physical: the MMU is off there),
lets the machine run to it, reads ADDRESS (SYS_24MHZ, the machine's
clock), removes the breakpoint and detaches, so that the machine runs on
as if nothing had happened (under -icount a stop does not move virtual
time).  Prints the word in decimal.  The remote protocol (gdb's "Remote
Serial Protocol"): packets $DATA#CHECKSUM, each acknowledged with '+'.
No gdb for ARM is needed.
"""
import socket
import sys
import time


class Stub:
    def __init__(self, path, wait=30):
        deadline = time.monotonic() + wait
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.buf = b""

    def _byte(self):
        while not self.buf:
            data = self.sock.recv(4096)
            if not data:
                raise EOFError("gdb stub closed the connection")
            self.buf += data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send(self, data):
        pkt = b"$%s#%02x" % (data, sum(data) & 0xFF)
        while True:
            self.sock.sendall(pkt)
            b = self._byte()
            while b not in b"+-":
                b = self._byte()
            if b == b"+":
                return

    def reply(self):
        while self._byte() != b"$":
            pass
        data = b""
        while True:
            b = self._byte()
            if b == b"#":
                break
            data += b
        self._byte()
        self._byte()
        self.sock.sendall(b"+")
        return data


def main():
    path, pc, addr = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0)
    stub = Stub(path)
    stub.send(b"Z0,%x,4" % pc)
    if stub.reply() != b"OK":
        sys.exit("gdb-clock: cannot set a breakpoint at %#x" % pc)
    stub.send(b"c")
    stop = stub.reply()
    if not stop.startswith((b"T05", b"S05")):
        sys.exit("gdb-clock: unexpected stop %r" % stop)
    stub.send(b"m%x,4" % addr)
    word = stub.reply()
    if len(word) != 8:
        sys.exit("gdb-clock: cannot read %#x: %r" % (addr, word))
    stub.send(b"z0,%x,4" % pc)
    stub.reply()
    stub.send(b"D")
    stub.reply()
    print(int.from_bytes(bytes.fromhex(word.decode()), "little"))


if __name__ == "__main__":
    main()
