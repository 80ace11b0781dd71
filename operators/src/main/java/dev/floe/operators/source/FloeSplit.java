package dev.floe.operators.source;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/** A unit of source work handed to one reader: a memory partition, a file, a row group, a byte range. */
public record FloeSplit(String id, SplitPayload payload) implements SourceSplit, Serializable {
    public FloeSplit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String splitId() {
        return id;
    }
}
