package dev.floe.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.ExecutionException;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session file system settings: secrets stay out of job configurations; a wrong plugins folder is named. */
class FileSystemsTest {

    @Test
    void jobConfigurationsKeepEverythingButSecrets() {
        Configuration c = new Configuration();
        c.setString("s3.endpoint", "http://127.0.0.1:9000");
        c.setString("s3.access-key", "AKIA");
        c.setString("s3.secret-key", "very-secret");
        c.setString("fs.s3a.secret.key", "also-secret");
        c.setString("floe.join.broadcast-threshold", "1mb");
        Configuration jobs = FileSystems.withoutSecrets(c);
        assertThat(jobs.toMap()).containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("floe.join.broadcast-threshold", "1mb")
                .doesNotContainKeys("s3.secret-key", "fs.s3a.secret.key");
        assertThat(jobs.toMap().values()).doesNotContain("very-secret", "also-secret");
    }

    @Test
    void aMissingPluginsFolderIsNamed(@TempDir Path dir) {
        Configuration c = new Configuration();
        c.set(FileSystems.PLUGINS_DIR, dir.resolve("nowhere").toString());
        assertThatThrownBy(() -> FileSystems.initialize(c)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("s3-fs-hadoop");
    }

    @Test
    void aSessionWithoutFileSystemSettingsLeavesTheJvmAlone() {
        Configuration c = new Configuration();
        c.setString("parallelism.default", "2");
        FileSystems.initialize(c); // no file system keys, no plugins folder: nothing to do, nothing thrown
    }
}
