package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.arrow.RecordBatch;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The api module plans and optimizes without Flink: no compiled class of it refers to a Flink
 * class. Neither api nor arrow-bridge reaches a file-format library (Parquet, Hadoop): those live
 * in {@code formats}, above api. No package is spread over two modules.
 */
class ModuleBoundaryTest {

    @Test
    void apiClassesDoNotReferenceFlink() throws Exception {
        Map<String, String> classes = classFiles(PlanException.class);
        assertThat(classes).containsKey("dev/floe/api/PlanException.class");
        assertThat(referencing(classes, "org/apache/flink/")).as("api classes that reference org.apache.flink").isEmpty();
    }

    @Test
    void apiAndArrowBridgeDoNotReachParquetOrHadoop() throws Exception {
        for (Class<?> anchor : List.of(PlanException.class, RecordBatch.class)) {
            Map<String, String> classes = classFiles(anchor);
            assertThat(classes).containsKey(anchor.getName().replace('.', '/') + ".class");
            List<String> offenders = new ArrayList<>(referencing(classes, "org/apache/parquet/"));
            offenders.addAll(referencing(classes, "org/apache/hadoop/"));
            assertThat(offenders).as("classes beside %s that reference Parquet or Hadoop", anchor).isEmpty();
        }
        // api's own class path (compile and test scope) does not carry them either
        assertThatThrownBy(() -> Class.forName("org.apache.parquet.hadoop.ParquetFileReader"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void apiAndArrowBridgeShareNoPackage() throws Exception {
        Set<String> api = packagesOf(classFiles(PlanException.class));
        Set<String> bridge = packagesOf(classFiles(RecordBatch.class));
        assertThat(api).contains("dev/floe/api");
        assertThat(bridge).contains("dev/floe/arrow");
        Set<String> shared = new TreeSet<>(api);
        shared.retainAll(bridge);
        assertThat(shared).as("packages with classes in both api and arrow-bridge").isEmpty();
    }

    /**
     * The classes of the module that holds {@code anchor} (a classes directory in {@code test}, a jar
     * in {@code verify}), by internal name, each as ISO-8859-1 text of its bytes.
     */
    private static Map<String, String> classFiles(Class<?> anchor) throws Exception {
        Path location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    out.put(location.relativize(p).toString().replace('\\', '/'),
                            new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Classes whose constant pool names a class under {@code internalPrefix} (names are stored as UTF-8). */
    private static List<String> referencing(Map<String, String> classes, String internalPrefix) {
        return classes.entrySet().stream().filter(e -> e.getValue().contains(internalPrefix)).map(Map.Entry::getKey).toList();
    }

    private static Set<String> packagesOf(Map<String, String> classes) {
        return classes.keySet().stream().filter(n -> n.contains("/")).map(n -> n.substring(0, n.lastIndexOf('/')))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
