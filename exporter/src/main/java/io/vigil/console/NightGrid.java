package io.vigil.console;

import io.vigil.history.JobNights;
import io.vigil.history.Night;
import io.vigil.history.NightResult;
import io.vigil.history.Nights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Nights as a grid: a column per night (oldest first), a row per job, or per customer with each night's worst result
 * among its jobs' (failed, missed, warning, success, pending, not scheduled). The results are the nightly history's
 * ({@link io.vigil.history.NightlyHistory}); the grid only lays them out.
 */
public record NightGrid(List<LocalDate> days, List<Row> rows) {
  /** Worst first: a customer's night shows the worst of its jobs'. */
  private static final List<NightResult> WORST_FIRST = List.of(NightResult.FAILED, NightResult.MISSED, NightResult.WARNING,
      NightResult.SUCCESS, NightResult.PENDING, NightResult.NOT_SCHEDULED);

  public record Row(String label, String link, List<Cell> cells) {}

  /** {@code result}: the night's result label (CSS class), {@code mark}: its one-letter sign, {@code title}: day and result. */
  public record Cell(String result, String mark, String title) {}

  public static final NightGrid NONE = new NightGrid(List.of(), List.of());

  /** A row per job of {@code nights}, labelled and linked by {@code label} and {@code link}. */
  public static NightGrid perJob(Nights nights, Function<JobNights, String> label, Function<JobNights, String> link) {
    List<Row> rows = new ArrayList<>();
    for (JobNights job : nights.jobs()) {
      rows.add(new Row(label.apply(job), link.apply(job), job.nights().stream().map(n -> cell(n.day(), n.result(), n.runs())).toList()));
    }
    return new NightGrid(days(nights), rows);
  }

  /** One row for all of {@code nights}' jobs: each night's worst result among them. */
  public static Row worstOf(Nights nights, String label, String link) {
    List<Cell> cells = new ArrayList<>();
    List<LocalDate> days = days(nights);
    for (int i = 0; i < days.size(); i++) {
      NightResult worst = NightResult.NOT_SCHEDULED;
      int runs = 0;
      for (JobNights job : nights.jobs()) {
        Night night = job.nights().get(i);
        runs += night.runs();
        if (WORST_FIRST.indexOf(night.result()) < WORST_FIRST.indexOf(worst)) {
          worst = night.result();
        }
      }
      cells.add(cell(days.get(i), worst, runs));
    }
    return new Row(label, link, cells);
  }

  public static List<LocalDate> days(Nights nights) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = nights.from(); !day.isAfter(nights.to()); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  private static Cell cell(LocalDate day, NightResult result, int runs) {
    String mark = switch (result) {
      case SUCCESS -> "S";
      case WARNING -> "W";
      case FAILED -> "F";
      case MISSED -> "M";
      case PENDING -> "P";
      case NOT_SCHEDULED -> "·";
    };
    return new Cell(result.label(), mark, day + ": " + result.label().replace('_', ' ') + " (" + runs + " run" + (runs == 1 ? "" : "s") + ")");
  }
}
