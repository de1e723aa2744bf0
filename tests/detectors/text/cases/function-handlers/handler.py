import json


def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event)}


async def typed(event: dict, context: object) -> dict:
    return event


def not_a_handler(evt, ctx, extra):
    # def handler(event, context): in a comment does not count
    return "def handler(event, context):"
