package io.vigil.state;

import io.vigil.config.EntityLimits;
import io.vigil.model.DeviceKey;
import io.vigil.model.Report;
import io.vigil.model.UnparsedMail;
import java.util.List;
import java.util.function.Function;

/** The writes the API asks for, each acknowledged once durable; the {@link Recorder} makes them. */
public interface Recording {
  /** Keeps the reports as one atomic unit, or none of them when they would break an entity limit. */
  Write<Outcome> record(List<? extends Report> reports, Function<String, EntityLimits> limits);

  /** Keeps a notification mail no parser understood, dropping the tenant's oldest beyond {@code keep}; false: kept already. */
  Write<Boolean> keepUnparsed(UnparsedMail mail, int keep);

  /** Retires one job, or a device with all its jobs when {@code job} is null. */
  Write<Retired> retire(DeviceKey device, String job);
}
