"""A small product catalogue API served by gunicorn."""
from flask import Flask, abort, jsonify

app = Flask(__name__)

PRODUCTS = {"p1": {"name": "mug", "price_cents": 900}, "p2": {"name": "tee", "price_cents": 1900}}


@app.get("/products")
def list_products():
    return jsonify(sorted(PRODUCTS))


@app.get("/products/<pid>")
def get_product(pid):
    if pid not in PRODUCTS:
        abort(404)
    return jsonify(PRODUCTS[pid])
