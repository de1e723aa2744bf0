"""def handler(event, context) in a docstring does not count."""


def handler(event, context):  # lambdafit-expect(python-event-handler)
    for record in event["Records"]:
        print(record["s3"]["object"]["key"])


def helper(event_name, context_id):  # lambdafit-expect-not(python-event-handler)
    return event_name
