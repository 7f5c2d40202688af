package io.vigil.console;

import io.vigil.model.JobRun;
import io.vigil.view.JobView;
import java.util.List;

/** One job: its status, grace, schedule and failure streak, its runs of the last days (newest first) and its nights. */
public record JobPage(JobView job, String customerLink, String deviceLink, int days, List<JobRun> runs, NightGrid nights) {
  public String status() {
    return job.status().label();
  }
}
