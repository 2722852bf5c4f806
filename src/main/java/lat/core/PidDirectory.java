package lat.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A scratch directory of this JVM, {@code <base>/<prefix><pid>}, removed when the JVM exits. A JVM
 * killed with SIGKILL cannot remove its own: the next JVM that claims one under the same base
 * removes those of processes that no longer run (and that {@code stillInUse} does not claim for a
 * live user of another PID namespace sharing the base).
 */
public final class PidDirectory {
    private PidDirectory() {}

    /** Sweeps dead JVMs' directories, then returns this JVM's (not created), deleted at exit. */
    public static Path claim(Path base, String prefix, Predicate<Path> stillInUse) {
        sweepDead(base, prefix, stillInUse);
        Path dir = base.resolve(prefix + ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "lat-cleanup-" + prefix));
        return dir;
    }

    /** Removes {@code <base>/<prefix><pid>} of every pid that no longer runs, unless {@code stillInUse}. */
    public static void sweepDead(Path base, String prefix, Predicate<Path> stillInUse) {
        try (Stream<Path> dirs = Files.list(base)) {
            dirs.filter(dir -> isDead(dir.getFileName().toString(), prefix) && !stillInUse.test(dir))
                    .forEach(PidDirectory::deleteRecursively);
        } catch (IOException | UncheckedIOException e) {
            // another JVM swept at the same moment, or the base is unreadable: the sweep is best effort
        }
    }

    private static boolean isDead(String name, String prefix) {
        return name.startsWith(prefix)
                && name.substring(prefix.length()).matches("\\d+")
                && ProcessHandle.of(Long.parseLong(name.substring(prefix.length())))
                        .isEmpty();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
