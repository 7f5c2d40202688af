package io.vigil.push;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.config.JsonPaths;
import io.vigil.config.Limits;
import io.vigil.model.ClearedBy;
import io.vigil.model.DeviceError;
import io.vigil.model.DeviceKey;
import io.vigil.model.ErrorEvent;
import io.vigil.model.Heartbeat;
import io.vigil.model.JobKey;
import io.vigil.model.JobResult;
import io.vigil.model.JobRun;
import io.vigil.model.Report;
import io.vigil.model.ScheduleSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns a push body into model reports for one tenant, or rejects it whole with every problem
 * named. Strict on purpose: unknown fields, wrong JSON types and duplicate keys are errors, not
 * silently dropped or coerced.
 */
public final class PushParser {
  /** How far ahead of the exporter's clock a reported time may be. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Duration MIN_GRACE = Duration.ofMinutes(1);
  private static final Duration MAX_GRACE = Duration.ofDays(400);
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_INTERVAL = Duration.ofDays(7);

  private final Supplier<Limits> limits;
  private final Clock clock;
  private final ObjectMapper json = strictMapper();

  /** Limits are read per push, so a configuration reload applies to the next one. */
  public PushParser(Supplier<Limits> limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .registerSubtypes(itemKinds().stream().map(kind -> new NamedType(Body.item(kind), kind.label())).toArray(NamedType[]::new))
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    // Strings are bounded by the body limit already; nesting and numbers are bounded here.
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(40).build());
    return mapper;
  }

  /** The kinds that can be items of a batch, where their label is the item's {@code type}. */
  private static List<PushKind> itemKinds() {
    return Arrays.stream(PushKind.values()).filter(kind -> Body.item(kind) != null).toList();
  }

  /** Reads a push of reports: any kind but {@link PushKind#RETIRE} (see {@link RetireParser}). */
  public List<Report> parse(PushKind kind, String tenant, byte[] body) throws PushRejected {
    if (body.length == 0) {
      throw new PushRejected(400, "the request body is empty; send a JSON object", List.of());
    }
    Body.Document document = read(kind, body);
    Limits limits = this.limits.get();
    Checker check = new Checker(limits.maxNameLength(), limits.maxMessageLength(), clock.instant());
    ToReport toReport = new ToReport(tenant, check, clock);
    List<Report> reports = new ArrayList<>();
    if (document instanceof Body.Batch batch) {
      if (batch.items() == null || batch.items().isEmpty()) {
        check.problem("items", "must be a non-empty array");
      } else if (batch.items().size() > limits.maxBatchItems()) {
        throw new PushRejected(413, "the batch has " + batch.items().size() + " items; at most "
            + limits.maxBatchItems() + " are allowed in one request", List.of());
      } else {
        for (int i = 0; i < batch.items().size(); i++) {
          check.at("items[" + i + "].");
          Body.Item item = batch.items().get(i);
          if (item == null) {
            check.problem("", "must be an object with a \"type\"");
          } else {
            reports.add(item.accept(toReport));
          }
        }
      }
    } else {
      reports.add(((Body.Item) document).accept(toReport));
    }
    if (!check.problems().isEmpty()) {
      throw new PushRejected(400, describe(check.problems()), check.problems());
    }
    return reports;
  }

  private Body.Document read(PushKind kind, byte[] body) throws PushRejected {
    Class<? extends Body.Document> type = kind == PushKind.BATCH ? Body.Batch.class : Body.item(kind);
    if (type == null) {
      throw new IllegalArgumentException(kind.label() + " carries no reports");
    }
    try {
      Body.Document document = json.readValue(body, type);
      if (document == null) {
        throw new PushRejected(400, "the body must be a JSON object, not null", List.of());
      }
      return document;
    } catch (StreamConstraintsException e) {
      throw new PushRejected(413, "the document exceeds a size limit: " + e.getOriginalMessage(), List.of());
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw rejected(JsonPaths.of(e), "is not a known field (known fields: " + known + ")");
    } catch (InvalidTypeIdException e) {
      throw rejected(JsonPaths.of(e) + ".type",
          (e.getTypeId() == null ? "is required: " : "must be ") + "one of "
          + itemKinds().stream().map(PushKind::label).collect(Collectors.joining(", ")));
    } catch (InvalidFormatException e) {
      throw rejected(JsonPaths.of(e), "has the value " + e.getValue() + ", which is not " + expected(e.getTargetType()));
    } catch (MismatchedInputException e) {
      throw rejected(JsonPaths.of(e), "must be " + expected(e.getTargetType()));
    } catch (JsonParseException e) {
      throw new PushRejected(400, "malformed JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", List.of());
    } catch (JsonMappingException e) {
      throw rejected(JsonPaths.of(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new PushRejected(400, "malformed JSON: " + e.getOriginalMessage(), List.of());
    } catch (IOException e) {
      throw new PushRejected(400, "unreadable body: " + e.getMessage(), List.of());
    }
  }

  private static PushRejected rejected(String field, String reason) {
    Problem problem = new Problem(field, reason);
    return new PushRejected(400, describe(List.of(problem)), List.of(problem));
  }

  private static String describe(List<Problem> problems) {
    return problems.stream().map(p -> p.field() + " " + p.reason()).collect(Collectors.joining("; "));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of the expected type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Instant.class) {
      return "a time: an ISO-8601 string such as \"2026-11-25T02:00:00Z\" or Unix seconds";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "a JSON object";
  }

  /** One item's report for the tenant, its fields checked. */
  private record ToReport(String tenant, Checker check, Clock clock) implements Body.Item.Visitor<Report> {
    @Override
    public Report jobReport(Body.JobReport r) {
      JobKey key = new JobKey(tenant, check.name("customer", r.customer()), check.name("device", r.device()),
          check.name("job", r.job()));
      Instant started = check.time("started_at", r.startedAt(), null);
      Instant ended = check.time("ended_at", r.endedAt(), null);
      if (started != null && ended != null && ended.isBefore(started)) {
        check.problem("ended_at", "must not be before started_at");
      }
      return new JobRun(key, check.name("run_id", r.runId()),
          check.oneOf("status", r.status(), JobResult.values(), JobResult::label, null),
          started, ended, check.count("bytes", r.bytes()), check.count("files", r.files()),
          check.count("errors", r.errors()), check.count("warnings", r.warnings()),
          check.message("message", r.message()),
          check.seconds("grace_seconds", r.graceSeconds(), MIN_GRACE, MAX_GRACE),
          check.optionalName("product", r.product()), schedule(r.schedule()));
    }

    private ScheduleSpec schedule(ScheduleSpec schedule) {
      if (schedule != null) {
        schedule.check((key, reason) -> check.problem("schedule." + key, reason));
      }
      return schedule;
    }

    @Override
    public Report heartbeat(Body.Heartbeat h) {
      return new Heartbeat(device(tenant, h.customer(), h.device(), check), check.time("at", h.at(), clock.instant()),
          check.seconds("interval_seconds", h.intervalSeconds(), MIN_INTERVAL, MAX_INTERVAL),
          check.optionalName("product", h.product()), check.optionalName("version", h.version()));
    }

    @Override
    public Report event(Body.Event e) {
      State state = check.oneOf("state", e.state(), State.values(), State::label, null);
      return new ErrorEvent(device(tenant, e.customer(), e.device(), check),
          check.oneOf("error", e.error(), DeviceError.values(), DeviceError::label, null),
          state == State.RAISED,
          check.time("at", e.at(), clock.instant()),
          check.message("message", e.message()),
          check.oneOf("cleared_by", e.clearedBy(), ClearedBy.values(), ClearedBy::label, ClearedBy.EVENT));
    }
  }

  private static DeviceKey device(String tenant, String customer, String device, Checker check) {
    return new DeviceKey(tenant, check.name("customer", customer), check.name("device", device));
  }

  private enum State {
    RAISED, CLEARED;

    String label() {
      return name().toLowerCase();
    }
  }
}
