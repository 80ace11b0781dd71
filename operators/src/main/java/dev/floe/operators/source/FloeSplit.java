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

    /**
     * The split's number among its source's splits (the suffix of {@code name-n} ids, which
     * {@code SourceSplits} and {@code FileSplits} give): the partition index of its rows for
     * {@code rand(seed)} and {@code monotonically_increasing_id()}; 0 for another id.
     */
    public int ordinal() {
        int dash = id.lastIndexOf('-');
        try {
            return Integer.parseInt(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String splitId() {
        return id;
    }
}
