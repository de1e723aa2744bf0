import http.server
import socket
import socketserver

from flask import Flask

app = Flask(__name__)
handler = http.server.SimpleHTTPRequestHandler
with socketserver.TCPServer(("", 8000), handler) as httpd:  # lambdafit-expect(python-server-inbound)
    httpd.serve_forever()  # lambdafit-expect(python-server-forever)

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)  # lambdafit-expect(python-server-inbound) lambdafit-expect(python-server-forever)
# app.run()  lambdafit-expect-not(python-server-inbound)
run_app = "web.run_app( is only mentioned here"  # lambdafit-expect-not(python-server-forever)
