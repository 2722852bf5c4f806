package lat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lat.core.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --config} may name: a profile inside the jar, a local file, a Hadoop URI. */
class ConfigSourceTest {
    @TempDir
    Path dir;

    @Test
    void aBareNameIsAProfileShippedWithTheBuild() throws IOException {
        Settings local = SettingsLoader.load(Optional.of("local"));
        Settings tiny = SettingsLoader.load(Optional.of("tiny"));

        assertEquals(400, local.train().steps());
        assertEquals(0.1, local.attack().epsilon());
        // tiny includes local.conf: the relative include resolves inside the jar too
        assertEquals(20, tiny.train().steps());
        assertEquals(0.1, tiny.attack().epsilon());
        assertEquals(confFiles(), ConfigSource.profiles());
    }

    @Test
    void anUnknownProfileListsTheProfilesAndHowToNameAFile() throws IOException {
        ConfigError error = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of("lcoal")));

        assertEquals(
                "--config lcoal: no such profile in the jar (profiles: " + String.join(", ", confFiles())
                        + "); a file in the current directory is written ./lcoal",
                error.getMessage());
        assertEquals(ConfigError.EXIT_CODE, error.exitCode());
    }

    /** The profiles of the source tree, conf/*.conf, by name: the build ships each of them. */
    private static List<String> confFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".conf"))
                    .map(name -> name.substring(0, name.length() - ".conf".length()))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aUriIsReadThroughHadoopWithRelativeIncludes() throws IOException {
        Files.writeString(dir.resolve("base.conf"), "lat { seed = 7, train.steps = 12 }\n");
        Files.writeString(dir.resolve("run.conf"), "include required(\"base.conf\")\nlat.train.steps = 13\n");

        Settings settings =
                SettingsLoader.load(Optional.of(dir.resolve("run.conf").toUri().toString()));

        assertEquals(7, settings.seed());
        assertEquals(13, settings.train().steps());
    }

    @Test
    void aMissingUriOrIncludeIsNamed() throws IOException {
        String missing = dir.resolve("nope.conf").toUri().toString();
        Files.writeString(dir.resolve("broken.conf"), "include required(\"gone.conf\")\n");
        String broken = dir.resolve("broken.conf").toUri().toString();

        ConfigError noFile = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(missing)));
        ConfigError noInclude = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(broken)));

        assertEquals("configuration file '" + missing + "' does not exist", noFile.getMessage());
        assertTrue(
                noInclude.getMessage().startsWith("cannot read configuration file '" + broken + "': "),
                noInclude.getMessage());
        assertTrue(noInclude.getMessage().contains("gone.conf"), noInclude.getMessage());
    }
}
