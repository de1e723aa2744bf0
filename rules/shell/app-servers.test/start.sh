#!/bin/sh
# lambdafit-expect(shell-app-server) lambdafit-expect(shell-worker-process)
exec gunicorn -w 4 -b 0.0.0.0:8000 app:app
python manage.py runserver 0.0.0.0:8000  # lambdafit-expect(shell-app-server)
celery -A tasks worker --loglevel=info &  # lambdafit-expect(shell-worker-process)
echo "serve it with gunicorn app:app"  # lambdafit-expect-not(shell-app-server)
pip install gunicorn  # lambdafit-expect-not(shell-app-server)
celery -A tasks inspect ping  # lambdafit-expect-not(shell-worker-process)
