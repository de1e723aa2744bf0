import threading
from threading import Thread as T
import os


def pump():
    pass


threading.Thread(target=pump, daemon=True).start()  # lambdafit-expect(python-daemon-thread)
t = threading.Thread(target=pump)
t.daemon = True  # lambdafit-expect(python-daemon-thread)
T(target=pump, daemon=True).start()  # lambdafit-expect(python-daemon-thread)
# lambdafit-expect(python-daemon-thread)
t.setDaemon(True)
os.setsid()  # lambdafit-expect(python-daemon-thread)
# t.setDaemon(True)  lambdafit-expect-not(python-daemon-thread)
t2 = threading.Thread(target=pump, daemon=False)  # lambdafit-expect-not(python-daemon-thread)
is_daemon = "daemon=True"  # lambdafit-expect-not(python-daemon-thread)
config.daemon = False  # lambdafit-expect-not(python-daemon-thread)
