package io.vigil.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chain of the connector's chain document drawn as an SVG: a lane per image kind (base at the top, incrementals
 * at the bottom), each image a box across the incremental points it covers, so a consolidation spans the
 * incrementals it replaced. Images on the restore path of the newest point are highlighted and joined by a line;
 * the others are retention only (greyed: what could be pruned); missing files are marked in red; images without
 * their .md5 have a dashed border. Each box's {@code <title>} gives name, kind, size and time; the table of
 * {@code images} says the same for keyboards and screen readers.
 */
public record ChainDrawing(String base, boolean current, boolean broken, List<String> missing, int width, int height,
    List<Lane> lanes, List<Box> boxes, List<Point> path, List<Image> images) {
  public static final int WIDTH = 1000;
  private static final int LEFT = 120;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int LANE = 40;
  private static final int BOX = 24;
  private static final List<String> KINDS = List.of("base", "differential", "rolling", "monthly", "weekly", "daily", "incremental");
  /** A missing incremental or run of them, as the connector names it: {@code PREFIX-i005.spi} or {@code ...-i005.spi..PREFIX-i009.spi}. */
  private static final Pattern MISSING_RUN = Pattern.compile("-i(\\d+)\\.spi(?:\\.\\..*-i(\\d+)\\.spi)?$");

  public record Lane(String kind, int y, int labelY) {}

  /** {@code css}: the kind, then path, retained or missing, and nomd5. */
  public record Box(int x, int y, int w, int h, String css, String title) {}

  public record Point(int x, int y) {}

  public record Image(String name, String kind, long bytes, Instant time, boolean onRestorePath, boolean md5) {}

  public String pathPoints() {
    StringBuilder points = new StringBuilder();
    path.forEach(p -> points.append(points.length() == 0 ? "" : " ").append(p.x()).append(',').append(p.y()));
    return points.toString();
  }

  /** Every chain of a chain document, the current one first. */
  public static List<ChainDrawing> of(JsonNode document) {
    List<ChainDrawing> drawings = new ArrayList<>();
    for (JsonNode chain : document.path("chains")) {
      drawings.add(chain(chain));
    }
    drawings.sort(Comparator.comparing((ChainDrawing d) -> !d.current()).thenComparing(ChainDrawing::base));
    return List.copyOf(drawings);
  }

  private static ChainDrawing chain(JsonNode chain) {
    List<Image> images = new ArrayList<>();
    List<long[]> spans = new ArrayList<>();
    long maxPoint = 0;
    for (JsonNode image : chain.path("images")) {
      String time = image.path("time").asText(null);
      images.add(new Image(image.path("name").asText(), image.path("kind").asText("incremental"), image.path("bytes").asLong(),
          time == null ? null : Instant.parse(time), image.path("on_restore_path").asBoolean(), image.path("md5").asBoolean()));
      long first = image.path("first").asLong();
      long last = Math.max(first, image.path("last").asLong());
      spans.add(new long[] {first, last});
      maxPoint = Math.max(maxPoint, last);
    }
    List<String> missing = new ArrayList<>();
    List<long[]> missingSpans = new ArrayList<>();
    for (JsonNode name : chain.path("missing")) {
      missing.add(name.asText());
      long[] span = missingSpan(name.asText());
      missingSpans.add(span);
      maxPoint = Math.max(maxPoint, span[1]);
    }
    List<String> used = new ArrayList<>();
    images.forEach(i -> used.add(lane(i.kind())));
    missingSpans.forEach(s -> used.add(s[0] == 0 && s[1] == 0 ? "base" : "incremental"));
    List<Lane> lanes = new ArrayList<>();
    for (String kind : KINDS) {
      if (used.contains(kind)) {
        int y = TOP + lanes.size() * LANE;
        lanes.add(new Lane(kind, y, y + BOX / 2 + 5));
      }
    }
    double perPoint = (double) (WIDTH - LEFT - RIGHT) / (maxPoint + 1);
    List<Box> boxes = new ArrayList<>();
    List<Box> onPath = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      Image image = images.get(i);
      Box box = box(lanes, lane(image.kind()), spans.get(i), perPoint,
          image.kind() + (image.onRestorePath() ? " path" : " retained") + (image.md5() ? "" : " nomd5"), title(image));
      boxes.add(box);
      if (image.onRestorePath()) {
        onPath.add(box);
      }
    }
    for (int i = 0; i < missing.size(); i++) {
      long[] span = missingSpans.get(i);
      boxes.add(box(lanes, span[0] == 0 && span[1] == 0 ? "base" : "incremental", span, perPoint, "missing",
          missing.get(i) + ": missing"));
    }
    onPath.sort(Comparator.comparingInt(Box::x).thenComparingInt(Box::y));
    List<Point> path = onPath.stream().map(b -> new Point(b.x() + b.w() / 2, b.y() + b.h() / 2)).toList();
    return new ChainDrawing(chain.path("base").asText(), chain.path("current").asBoolean(), chain.path("broken").asBoolean(),
        List.copyOf(missing), WIDTH, TOP * 2 + lanes.size() * LANE, List.copyOf(lanes), List.copyOf(boxes), path, List.copyOf(images));
  }

  private static Box box(List<Lane> lanes, String lane, long[] span, double perPoint, String css, String title) {
    int y = lanes.stream().filter(l -> l.kind().equals(lane)).findFirst().orElseThrow().y();
    int x = LEFT + (int) Math.round(span[0] * perPoint);
    int w = Math.max(3, (int) Math.round((span[1] - span[0] + 1) * perPoint) - 1);
    return new Box(x, y, w, BOX, css, title);
  }

  private static String lane(String kind) {
    return KINDS.contains(kind) ? kind : "incremental";
  }

  private static long[] missingSpan(String name) {
    Matcher run = MISSING_RUN.matcher(name);
    if (run.find()) {
      long from = Long.parseLong(run.group(1));
      return new long[] {from, run.group(2) != null ? Long.parseLong(run.group(2)) : from};
    }
    return new long[] {0, 0};
  }

  private static String title(Image image) {
    return image.name() + ": " + image.kind() + ", " + Format.bytes(image.bytes()) + ", " + Format.time(image.time())
        + (image.onRestorePath() ? ", on the restore path" : ", retention only (not needed to restore the newest point)")
        + (image.md5() ? "" : ", no .md5 checksum");
  }
}
