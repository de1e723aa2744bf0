# Negative: a handler signature in a file that reads no event records.
# lambdafit-expect-not(python-event-handler)
def handler(event, context):
    return {"ok": True}
