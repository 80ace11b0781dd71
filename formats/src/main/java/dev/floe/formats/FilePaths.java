package dev.floe.formats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Expands user paths into files through Flink's FileSystem (so local paths, {@code file://} and
 * {@code s3://} all work): plain files, directories (every file below, skipping names that start
 * with {@code _} or {@code .}), and globs with {@code *}, {@code ?} and {@code **}.
 */
public final class FilePaths {
    private FilePaths() {
    }

    public static List<FileEntry> expand(List<String> patterns) {
        Map<String, FileEntry> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            List<FileEntry> found;
            try {
                found = expandOne(pattern);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list '" + pattern + "': " + e.getMessage(), e);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("No files found for '" + pattern + "'");
            }
            for (FileEntry f : found) {
                out.putIfAbsent(f.path(), f);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static List<FileEntry> expandOne(String pattern) throws IOException {
        int glob = firstGlobChar(pattern);
        List<FileEntry> out = new ArrayList<>();
        if (glob < 0) {
            Path path = new Path(pattern);
            FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                return out;
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isDir()) {
                listRecursive(fs, path, out);
            } else {
                out.add(new FileEntry(status.getPath().toString(), status.getLen()));
            }
            return out;
        }
        int slash = pattern.lastIndexOf('/', glob);
        String base = slash < 0 ? "." : (slash == 0 ? "/" : pattern.substring(0, slash));
        Path basePath = new Path(base);
        FileSystem fs = basePath.getFileSystem();
        if (!fs.exists(basePath)) {
            return out;
        }
        List<FileEntry> candidates = new ArrayList<>();
        listRecursive(fs, basePath, candidates);
        String rest = pattern.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        String baseUri = fs.getFileStatus(basePath).getPath().toString();
        for (FileEntry c : candidates) {
            String relative = c.path().startsWith(baseUri) ? c.path().substring(baseUri.length()) : c.path();
            while (relative.startsWith("/")) {
                relative = relative.substring(1);
            }
            if (matcher.matches(Paths.get(relative))) {
                out.add(c);
            }
        }
        return out;
    }

    private static void listRecursive(FileSystem fs, Path dir, List<FileEntry> out) throws IOException {
        FileStatus[] children = fs.listStatus(dir);
        if (children == null) {
            return;
        }
        List<FileStatus> sorted = new ArrayList<>(List.of(children));
        sorted.sort(Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus s : sorted) {
            String name = s.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (s.isDir()) {
                listRecursive(fs, s.getPath(), out);
            } else {
                out.add(new FileEntry(s.getPath().toString(), s.getLen()));
            }
        }
    }

    private static int firstGlobChar(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
