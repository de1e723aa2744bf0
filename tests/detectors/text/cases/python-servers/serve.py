import http.server
import socketserver

from flask import Flask

app = Flask(__name__)
handler = http.server.SimpleHTTPRequestHandler
with socketserver.TCPServer(("", 8000), handler) as httpd:
    httpd.serve_forever()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
# app.run()  negative: comment
run_app = "web.run_app( is only mentioned here"
