"""def handler(event, context) in a docstring does not count."""


<<<<<<<< HEAD:rules/text/event-handlers.test/handler.py
# lambdafit-expect(python-event-handler)
def handler(event, context):
========
def handler(event, context):  # lambdafit-expect(python-event-handler)
>>>>>>>> h-ts:rules/python/events.test/handler.py
    for record in event["Records"]:
        print(record["s3"]["object"]["key"])


def helper(event_name, context_id):  # lambdafit-expect-not(python-event-handler)
    return event_name
