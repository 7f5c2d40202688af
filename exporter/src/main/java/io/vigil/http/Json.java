package io.vigil.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.push.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes JSON answers, errors included: every error is {"error": ..., "message": ..., "problems": [...]}. */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .build();

  private Json() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  static void send(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    // Written, not flushed or closed: Jetty completes the response once the servlet returns, so an answer
    // given before the request body was read says "Connection: close" when that body cannot be skipped,
    // instead of going out as keep-alive with the connection dropped under the client's next request.
    response.getOutputStream().write(MAPPER.writeValueAsBytes(body));
  }

  static void error(HttpServletResponse response, int status, String message) throws IOException {
    error(response, status, message, List.of());
  }

  static void error(HttpServletResponse response, int status, String message, List<Problem> problems) throws IOException {
    Map<String, Object> body = errorBody(status, message);
    if (!problems.isEmpty()) {
      body.put("problems", problems);
    }
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
    }
    send(response, status, body);
  }

  static Map<String, Object> errorBody(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", reason(status));
    body.put("message", message);
    return body;
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 422 -> "limit_exceeded";
      case 431 -> "request_header_fields_too_large";
      case 429 -> "too_many_requests";
      case 502 -> "bad_gateway";
      case 503 -> "unavailable";
      case 504 -> "gateway_timeout";
      default -> "error";
    };
  }
}
