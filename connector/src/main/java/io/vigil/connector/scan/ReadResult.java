package io.vigil.connector.scan;

import io.vigil.connector.chain.ImageName;

/** What an {@link ImageNameReader} made of a file name. */
public sealed interface ReadResult {

    /** The name is this reader's kind and is valid. */
    record Parsed(ImageName name) implements ReadResult {}

    /** The name is this reader's kind but invalid; the reason says why. */
    record Rejected(String reason) implements ReadResult {}

    /** The name is not this reader's kind. */
    record NotMine() implements ReadResult {}

    ReadResult NOT_MINE = new NotMine();
}
