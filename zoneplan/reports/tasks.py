from celery import shared_task

from zoneplan.reports.models import FileJob
from zoneplan.reports.services import file_job_run


@shared_task(name="zoneplan.reports.run_file_job")
def run_file_job(job_id: int) -> dict:
    job = FileJob.objects.filter(pk=job_id, state=FileJob.State.QUEUED).first()
    if job is None:  # already run (a redelivered message) or gone
        return {"job": job_id, "state": "skipped"}
    job = file_job_run(job)
    return {"job": job.pk, "state": job.state}
