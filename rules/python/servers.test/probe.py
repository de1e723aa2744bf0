# Binding port 0 only probes the stack; binding a non-socket is something else.
import socket
import uvicorn
from fastapi import FastAPI

api = FastAPI()


def has_ipv6():
    s = socket.socket(socket.AF_INET6)
    s.bind(("::1", 0))  # lambdafit-expect-not(python-server-inbound)
    return True


def listen(port):
    with socket.socket() as srv:
        srv.bind(("0.0.0.0", port))  # lambdafit-expect(python-server-inbound)
        srv.listen()


class Model:
    def bind(self, pair):
        return pair


m = Model()
m.bind(("session", 8080))  # lambdafit-expect-not(python-server-inbound)
job = Runner()
job.run()  # lambdafit-expect-not(python-server-forever)
uvicorn.run(api, port=8000)  # lambdafit-expect(python-server-inbound) lambdafit-expect(python-server-forever)
