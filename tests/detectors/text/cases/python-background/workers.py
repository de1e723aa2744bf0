import threading


def pump():
    pass


threading.Thread(target=pump, daemon=True).start()
t = threading.Thread(target=pump)
t.daemon = True
# t.setDaemon(True)  negative: comment
t2 = threading.Thread(target=pump, daemon=False)
is_daemon = "daemon=True"
