"""Shared by the test servers in this directory."""
import os
import sys
import threading
import time


def exit_with_parent():
    """Test servers must not outlive the test process that started them, even when it is killed."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(0.5)
            now = os.getppid()
            if now != parent:
                sys.stderr.write("test server: parent %d is gone (now %d); exiting\n" % (parent, now))
                sys.stderr.flush()
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
