package dev.floe.translator;

import dev.floe.api.CsvOptions;
import dev.floe.api.JsonOptions;
import dev.floe.api.PlanException;
import dev.floe.api.plan.FileFormat;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.HivePartitions;
import dev.floe.api.types.Schema;
import dev.floe.formats.FileEntry;
import dev.floe.formats.FileFormatHandler;
import dev.floe.formats.FilePaths;
import dev.floe.formats.HiveDirectories;
import dev.floe.formats.JsonFormat;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Resolves user paths into file sources when the DataFrame is built: files are listed and the
 * schema is read (Parquet footer) or inferred (CSV) at once, so bad paths fail at the user's line.
 * Hive partition directories ({@code key=value}) under the given paths become columns after the
 * files' own (see {@link HiveDirectories}).
 */
public final class FileSources {
    private FileSources() {
    }

    public static FileSource parquet(List<String> paths) {
        return of(new FileFormat.Parquet(), paths);
    }

    public static FileSource csv(List<String> paths, CsvOptions options) {
        if (options == null) {
            throw new PlanException("readCsv: the options are null; pass CsvOptions.defaults() or build them with "
                    + "CsvOptions.builder()");
        }
        return of(new FileFormat.Csv(options), paths);
    }

    /** Newline-delimited JSON: the schema is inferred from the first file's first records (see {@link JsonFormat}). */
    public static FileSource json(List<String> paths, JsonOptions options) {
        if (options == null) {
            throw new PlanException("readJson: the options are null; pass JsonOptions.defaults() or build them with "
                    + "JsonOptions.builder()");
        }
        return of(new FileFormat.Json(options), paths);
    }

    /** The files under {@code paths}, their schema as the format reads or infers it, then the partition columns. */
    public static FileSource of(FileFormat format, List<String> paths) {
        List<FileEntry> files = list(paths);
        Schema schema;
        HivePartitions partitions;
        try {
            schema = FileFormatHandler.of(format).inferSchema(files);
            partitions = HiveDirectories.discover(paths, files, schema);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new PlanException(e.getMessage(), e);
        }
        return new FileSource(format, paths, files.stream().map(FileEntry::path).toList(),
                files.stream().map(FileEntry::length).toList(), partitions.appendTo(schema), partitions);
    }

    /**
     * The paths a reader was called with, checked: a null array or a null path is a PlanException
     * naming the reader and the argument's position, not a NullPointerException.
     */
    public static List<String> paths(String reader, String... paths) {
        if (paths == null) {
            throw new PlanException(reader + "(paths): the paths array is null; pass at least one file, "
                    + "directory or glob");
        }
        for (int i = 0; i < paths.length; i++) {
            if (paths[i] == null) {
                throw new PlanException(reader + ": path " + (i + 1) + " of " + paths.length
                        + " is null; pass a file, directory or glob");
            }
        }
        return List.of(paths);
    }

    private static List<FileEntry> list(List<String> paths) {
        if (paths.isEmpty()) {
            throw new PlanException("No paths given: pass at least one file, directory or glob");
        }
        try {
            return FilePaths.expand(paths);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new PlanException(e.getMessage(), e);
        }
    }
}
