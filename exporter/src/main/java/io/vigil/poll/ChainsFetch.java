package io.vigil.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one request for a volume's chains gave: the result, the connector's HTTP status (0 when it gave
 * none), for {@link PollResult#OK} the checked document, and {@code detail} saying what went wrong.
 */
public record ChainsFetch(PollResult result, int status, ObjectNode document, String detail) {}
