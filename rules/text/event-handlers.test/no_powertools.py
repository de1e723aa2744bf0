# S3Event here is the project's own class, not Powertools'.
class S3Event:  # lambdafit-expect-not(python-powertools-event)
    pass
