import json


# lambdafit-expect(python-function-handler)
def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event)}


# lambdafit-expect(python-function-handler)
async def typed(event: dict, context: object) -> dict:
    return event


# lambdafit-expect-not(python-function-handler): three parameters
def not_a_handler(evt, ctx, extra):
    # def handler(event, context): in a comment does not count
    return "def handler(event, context):"  # lambdafit-expect-not(python-function-handler)
