#!/usr/bin/python3
"""A real SMTP server for tests: accepts every mail and writes it to a folder.

    scripts/smtp-sink.py PORT DIR

Listens on 127.0.0.1:PORT, writes each received message, byte for byte as the client sent it
(DATA, dot-unstuffed), to DIR/NNNNNN.eml, prints "ready" once it accepts connections, and stops
on SIGTERM or SIGINT. Needs Debian's python3-aiosmtpd (hence /usr/bin/python3, not a pyenv one).
"""
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = "%06d.eml" % self.count
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        # Written under a temporary name, then renamed: a reader never sees half a message.
        tmp = os.path.join(self.folder, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(self.folder, name))
        return "250 OK"


def main():
    if len(sys.argv) != 3:
        print("usage: smtp-sink.py PORT DIR", file=sys.stderr)
        return 2
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    # Block the stop signals before the server thread starts, then wait for them here.
    signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    # One write, then stdout goes to /dev/null: the test may stop reading once it has the line
    # (and with PYTHONUNBUFFERED, print() would write "ready" and "\n" separately).
    try:
        os.write(1, b"ready\n")
    except BrokenPipeError:
        pass
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    signal.sigwait(signals)
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
