package io.vigil.console;

import io.vigil.model.JobRun;
import io.vigil.view.JobView;
import java.util.List;

/** One job: its status, grace and failure streak, and its runs of the last days, newest first. */
public record JobPage(JobView job, String customerLink, String deviceLink, int days, List<JobRun> runs) {
  public String status() {
    return job.status().label();
  }
}
