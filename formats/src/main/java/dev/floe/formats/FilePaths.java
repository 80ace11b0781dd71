package dev.floe.formats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
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
 * {@code s3://} all work): plain files, directories (the files its {@link DirectoryManifest} names,
 * or without one every file below, skipping names that start with {@code _} or {@code .}), and
 * globs with {@code *}, {@code ?} and {@code **}.
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
                throw new IllegalArgumentException("No files found for '" + pattern + "'" + (firstGlobChar(pattern) < 0 ? ""
                        : "; it was read as a glob (* ? [ ] { } are pattern characters): to match such characters in "
                        + "a file name literally, escape each with a backslash, e.g. '" + escaped(pattern) + "'"));
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
        // an existing path is read as itself even when its name holds glob characters (data[1].csv)
        if (glob < 0 || !pattern.contains("\\") && exists(pattern)) {
            Path path = new Path(pattern);
            FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                return out;
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isDir()) {
                listDirectory(fs, path, out);
            } else {
                out.add(file(fs, status));
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

    /**
     * The files of a directory: those its {@link DirectoryManifest} names when it has one (a write
     * that replaced the manifest between our read and our look at a file is read again), else every
     * visible file below it.
     */
    private static void listDirectory(FileSystem fs, Path dir, List<FileEntry> out) throws IOException {
        for (int attempt = 0; ; attempt++) {
            List<String> committed = DirectoryManifest.read(fs, dir);
            if (committed == null) {
                listRecursive(fs, dir, out);
                return;
            }
            List<FileEntry> found = new ArrayList<>(committed.size());
            boolean complete = true;
            for (String relative : committed) {
                Path file = new Path(dir, relative);
                if (!fs.exists(file)) {
                    complete = false;
                    break;
                }
                found.add(file(fs, fs.getFileStatus(file)));
            }
            if (complete) {
                out.addAll(found);
                return;
            }
            if (attempt == 3) {
                throw new IOException("The manifest " + new Path(dir, DirectoryManifest.NAME) + " names files that "
                        + "do not exist (a writer kept replacing the directory, or files were deleted by hand); "
                        + "delete the manifest to read every file of the directory");
            }
        }
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
                out.add(file(fs, s));
            }
        }
    }

    private static boolean exists(String pattern) {
        try {
            Path path = new Path(pattern);
            return path.getFileSystem().exists(path);
        } catch (IOException | IllegalArgumentException e) {
            return false; // not a usable literal path: read it as a glob
        }
    }

    /**
     * A file to read. Local files must be regular: a device such as /dev/zero never ends and a
     * FIFO without a writer blocks forever, both while the schema is inferred at the user's line.
     */
    private static FileEntry file(FileSystem fs, FileStatus status) {
        String path = status.getPath().toString();
        if (!fs.isDistributedFS() && "file".equals(fs.getUri().getScheme())) {
            java.nio.file.Path local = Paths.get(status.getPath().toUri().getPath());
            if (!Files.isRegularFile(local)) {
                throw new IllegalArgumentException("'" + path + "' is not a regular file (it is a device, FIFO or "
                        + "socket); Floe reads regular files only, since it infers the schema and splits files by "
                        + "size. Copy the data into a file first");
            }
        }
        return new FileEntry(path, status.getLen());
    }

    private static String escaped(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length() + 4);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
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
