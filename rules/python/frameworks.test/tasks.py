from celery import Celery
from rq import Worker
from apscheduler.schedulers.blocking import BlockingScheduler
from pathlib import Path
import os

app = Celery("tasks", broker="redis://localhost")  # lambdafit-expect(python-worker-framework)
w = Worker(["default"])  # lambdafit-expect(python-worker-framework)
w.work()  # lambdafit-expect(python-worker-framework)
sched = BlockingScheduler()  # lambdafit-expect(python-worker-framework)
help_text = "start a Celery worker with celery -A tasks worker"  # lambdafit-expect-not(python-worker-framework)
job.work()  # lambdafit-expect-not(python-worker-framework)

with open("/var/lib/reports/state.json", "w") as f:  # lambdafit-expect(python-local-state-write)
    f.write("{}")
Path("/srv/cache/last-run").write_text("done")  # lambdafit-expect(python-local-state-write)
os.makedirs("/var/spool/exports", exist_ok=True)  # lambdafit-expect(python-local-state-write)
with open("/tmp/scratch.txt", "w") as f:  # lambdafit-expect-not(python-local-state-write)
    f.write("x")
with open("/var/lib/reports/state.json") as f:  # lambdafit-expect-not(python-local-state-write)
    print(f.read())
