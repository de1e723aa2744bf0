# Negative: a loop with a sleep but no store listing or receiving anywhere in the file.
import time


def retry(fn):
    while True:
        try:
            return fn()
        except OSError:
            time.sleep(1)
