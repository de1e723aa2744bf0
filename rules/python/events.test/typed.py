from aws_lambda_powertools.utilities.data_classes import SQSEvent, event_source


@event_source(data_class=SQSEvent)  # lambdafit-expect(python-powertools-event)
def handler(event: SQSEvent, context):  # lambdafit-expect(python-powertools-event)
    return [r.body for r in event.records]


class SQSEventLike:  # lambdafit-expect-not(python-powertools-event)
    pass
