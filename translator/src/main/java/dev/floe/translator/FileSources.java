package dev.floe.translator;

import dev.floe.api.CsvOptions;
import dev.floe.api.plan.FileSource;
import java.util.List;

/** Resolves user paths into file sources (schema read eagerly, so bad paths fail at once). */
public final class FileSources {
    private FileSources() {
    }

    public static FileSource parquet(List<String> paths) {
        throw new UnsupportedOperationException("Parquet reading is not wired yet");
    }

    public static FileSource csv(List<String> paths, CsvOptions options) {
        throw new UnsupportedOperationException("CSV reading is not wired yet");
    }
}
