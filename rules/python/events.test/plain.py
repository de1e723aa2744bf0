# Negative: a handler signature in a file that reads no event records.
def handler(event, context):  # lambdafit-expect-not(python-event-handler)
    return {"ok": True}
