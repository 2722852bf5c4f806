package lat.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.core.Host;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One command at a time per run id: the lock {@code <output>/locks/<run-id>.lock}, through Hadoop's
 * FileSystem API so that it lives beside the outputs it guards.
 *
 * <p>Created exclusively (O_EXCL on local disks, the NameNode's create-if-absent on HDFS). On S3A a
 * create-if-absent is a look-up followed by a PUT, so two runs started within the same second could
 * both take it: there the lock guards against the common mistakes, not a deliberate race.
 *
 * <p>It survives a crash of its holder: the holder rewrites it every {@link #HEARTBEAT}; a lock whose
 * holder is a dead process on this host, or that has not been rewritten for {@link #STALE}, is taken
 * over. The child JVMs a command starts (one per model) share their parent's lock through the
 * environment variable {@link #SHARED_ENV}.
 */
public final class RunLock implements AutoCloseable {
    public static final String SHARED_ENV = "LAT_RUN_LOCK";
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration STALE = Duration.ofMinutes(2);

    private final Path file;
    private final Configuration conf;
    private final String token;
    private final boolean owner;
    private final Thread heartbeat;
    private final Thread releaseAtExit;

    private RunLock(Path file, Configuration conf, String token, boolean owner) {
        this.file = file;
        this.conf = conf;
        this.token = token;
        this.owner = owner;
        this.heartbeat = owner ? new Thread(this::beat, "lat-run-lock") : null;
        if (owner) {
            heartbeat.setDaemon(true);
        }
        this.releaseAtExit = owner ? new Thread(this::release, "lat-run-lock-release") : null;
    }

    /** The token that lets a child JVM share this lock (pass it as {@link #SHARED_ENV}). */
    public String token() {
        return token;
    }

    /**
     * Takes the lock of {@code layout}'s run for {@code command}.
     *
     * @throws ConfigError (exit 2) when another live command holds it, naming it
     * @throws DataError (exit 3) when the output location cannot be written
     */
    public static RunLock acquire(OutputLayout layout, String command, Configuration conf) {
        Path file = layout.lockFile();
        String shared = System.getenv(SHARED_ENV);
        try {
            FileSystem fs = HadoopFiles.fileSystem(file, conf);
            if (shared != null && fs.exists(file) && read(fs, file).startsWith(shared + "\n")) {
                return new RunLock(file, conf, shared, false);
            }
            String token = UUID.randomUUID().toString();
            String content = token + "\n" + command + " of run " + layout.runId() + ", pid "
                    + ProcessHandle.current().pid() + " on " + Host.name() + ", since " + Instant.now() + "\n";
            for (int attempt = 0; attempt < 2; attempt++) {
                if (createExclusively(fs, file, content)) {
                    RunLock lock = new RunLock(file, conf, token, true);
                    lock.heartbeat.start();
                    Runtime.getRuntime().addShutdownHook(lock.releaseAtExit);
                    return lock;
                }
                String holder = read(fs, file);
                if (!holder.isEmpty() && !isStale(fs, file, holder)) {
                    throw new ConfigError("run " + layout.runId() + " is in use by " + describe(holder) + " (lock "
                            + file + "); wait for it to end, or use another --run-id");
                }
                fs.delete(file, false);  // its holder is gone (or it was released meanwhile)
            }
            throw new ConfigError("cannot take the lock " + file + ": another command took it at the same time");
        } catch (IOException e) {
            throw new DataError("cannot write the run's lock " + file + " (is lat.output-dir writable?): "
                    + HadoopFiles.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (owner) {
            Runtime.getRuntime().removeShutdownHook(releaseAtExit);
            release();
        }
    }

    private void release() {
        heartbeat.interrupt();
        try {
            FileSystem fs = HadoopFiles.fileSystem(file, conf);
            if (fs.exists(file) && read(fs, file).startsWith(token + "\n")) {
                fs.delete(file, false);
            }
        } catch (IOException ignored) {
            // the lock turns stale on its own
        }
    }

    /** Rewrites the lock every HEARTBEAT, so that other hosts can tell a live holder from a crashed one. */
    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
                FileSystem fs = HadoopFiles.fileSystem(file, conf);
                String content = read(fs, file);
                if (!content.startsWith(token + "\n")) {
                    return;  // taken over: nothing of ours to keep alive
                }
                try (OutputStream out = fs.create(file, true)) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // a missed beat; the next one may succeed
            }
        }
    }

    private static boolean createExclusively(FileSystem fs, Path file, String content) throws IOException {
        fs.mkdirs(file.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (fs instanceof LocalFileSystem local) {
            try {
                Files.write(local.pathToFile(file).toPath(), bytes, StandardOpenOption.CREATE_NEW);
                return true;
            } catch (FileAlreadyExistsException held) {
                return false;
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException held) {  // Hadoop's, not java.nio's
            return false;
        }
    }

    /** A holder on this host whose process is gone, or any holder silent for longer than STALE. */
    private static boolean isStale(FileSystem fs, Path file, String holder) throws IOException {
        String description = describe(holder);
        String thisHost = " on " + Host.name() + ",";
        int pidAt = description.indexOf(", pid ");
        if (pidAt >= 0 && description.contains(thisHost)) {
            String pid = description.substring(pidAt + 6, description.indexOf(' ', pidAt + 6));
            return !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        }
        long age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
        return age > STALE.toMillis();
    }

    private static String describe(String holder) {
        int newline = holder.indexOf('\n');
        return newline < 0 ? holder.strip() : holder.substring(newline + 1).strip();
    }

    private static String read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException gone) {
            return "";
        }
    }
}
