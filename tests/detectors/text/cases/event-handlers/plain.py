# Negative: a handler signature in a file that reads no event records.
def handler(event, context):
    return {"ok": True}
