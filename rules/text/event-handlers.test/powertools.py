# A handler typed with Powertools' event classes.
from aws_lambda_powertools.utilities.data_classes import event_source, S3Event  # lambdafit-expect(python-powertools-event)


@event_source(data_class=S3Event)  # lambdafit-expect(python-powertools-event)
def handler(event, context):
    # lambdafit-expect-not(python-powertools-event)
    # S3Event named in a comment is not a use
    return [r.s3.get_object_key for r in event.records]
