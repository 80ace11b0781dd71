package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The api module plans and optimizes without Flink: no compiled class of it refers to a Flink class. */
class ModuleBoundaryTest {

    @Test
    void apiClassesDoNotReferenceFlink() throws Exception {
        Path classes = Paths.get(PlanException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(ModuleBoundaryTest::mentionsFlink)
                    .map(p -> classes.relativize(p).toString())
                    .collect(Collectors.toList());
        }
        assertThat(classes.toString()).contains("api");
        assertThat(offenders).as("api classes that reference org.apache.flink").isEmpty();
    }

    private static boolean mentionsFlink(Path classFile) {
        try {
            // class names in the constant pool are stored as UTF-8 internal names
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/apache/flink/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
