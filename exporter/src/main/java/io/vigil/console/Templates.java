package io.vigil.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The console's jte templates, compiled at build time (src/main/jte) and loaded from the class path. */
public final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code name} (e.g. {@code overview.jte}) with its parameters by name. */
  public String render(String name, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    engine.render(name, params, output);
    return output.toString();
  }
}
