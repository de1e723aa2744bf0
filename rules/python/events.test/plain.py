# Negative: a handler signature in a file that reads no event records.
<<<<<<<< HEAD:rules/text/event-handlers.test/plain.py
# lambdafit-expect-not(python-event-handler)
def handler(event, context):
========
def handler(event, context):  # lambdafit-expect-not(python-event-handler)
>>>>>>>> h-ts:rules/python/events.test/plain.py
    return {"ok": True}
