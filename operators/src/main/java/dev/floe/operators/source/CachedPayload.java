package dev.floe.operators.source;

/** One partition of a kept {@code cache()} result: a local file of encoded batches. */
public record CachedPayload(int partition, String path) implements SplitPayload {
    @Override
    public String describe() {
        return "cached partition " + partition + " (" + path + ")";
    }
}
