package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.model.DeviceState;
import io.vigil.model.JobState;
import io.vigil.poll.ConnectorKey;
import io.vigil.poll.ConnectorStates;
import io.vigil.poll.PolledConnector;

/** Turns current-state records into the JSON documents of the state tables, and back. */
final class StateCodec {
  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(DecimalSeconds.module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  String encode(Object state) throws StoreException {
    try {
      return json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode " + state.getClass().getSimpleName(), e);
    }
  }

  JobState job(String document) throws StoreException {
    return decode(document, JobState.class);
  }

  DeviceState device(String document) throws StoreException {
    return decode(document, DeviceState.class);
  }

  /** A connector's poll from its status document and, when one is kept, its inventory document. */
  PolledConnector polled(ConnectorKey key, String status, String lastGood) throws StoreException {
    return new PolledConnector(key, decode(status, ConnectorStates.Status.class),
        lastGood == null ? null : decode(lastGood, ConnectorStates.LastGood.class));
  }

  private <T> T decode(String document, Class<T> type) throws StoreException {
    try {
      return json.readValue(document, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
