"""def handler(event, context) in a docstring does not count."""


# lambdafit-expect(python-event-handler)
def handler(event, context):
    for record in event["Records"]:
        print(record["s3"]["object"]["key"])


def helper(event_name, context_id):
    return event_name
