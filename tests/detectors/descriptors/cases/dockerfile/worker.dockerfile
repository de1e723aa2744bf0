FROM python:3.12
ENTRYPOINT celery -A tasks worker
