package dev.floe.formats;

import java.io.Serializable;

/** A file found for a source: its path (as Flink's FileSystem understands it) and size in bytes. */
public record FileEntry(String path, long length) implements Serializable {
}
