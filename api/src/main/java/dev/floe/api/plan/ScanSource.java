package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.io.Serializable;

/** Where a {@link Scan} reads from: in-memory batches or files. */
public sealed interface ScanSource extends Serializable permits InMemorySource, FileSource, CachedSource {

    /** Every column the source can produce. */
    Schema schema();

    /** Short text for plan lines, e.g. {@code parquet data/orders/*.parquet (3 files)}. */
    String describe();

    /** Estimated size in bytes, or -1 when unknown (used by physical planning). */
    long estimatedBytes();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of source, no defaults: a new source does not compile until each reader of sources handles it. */
    interface Visitor<R> {
        R visitInMemory(InMemorySource source);

        R visitFiles(FileSource source);

        R visitCached(CachedSource source);
    }
}
