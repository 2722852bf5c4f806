package lat.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import lat.core.DataError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Small JSON documents (metadata, checkpoint notes, executor statistics) on any Hadoop path. */
public final class JsonFiles {
    /** The field of a versioned document that says which version of its record wrote it. */
    public static final String SCHEMA_VERSION = "schemaVersion";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {}

    /** Writes {@code value} as indented JSON to {@code file}, atomically (see {@link HadoopFiles#writeAtomically}). */
    public static void write(Path file, Object value, Configuration conf) throws IOException {
        HadoopFiles.writeAtomically(file, conf, out -> JSON.writeValue(out, value));
    }

    /** Reads {@code file} as a {@code type}. */
    public static <T> T read(Path file, Class<T> type, Configuration conf) throws IOException {
        try (InputStream in = HadoopFiles.fileSystem(file, conf).open(file)) {
            return JSON.readValue(in, type);
        }
    }

    /**
     * Reads {@code file}, a {@code what} whose record carries {@value #SCHEMA_VERSION}, as a {@code type}.
     * A document without one was written before lat recorded versions: it is version 1, and read as
     * such. One newer than {@code current} was written by a newer lat, whose fields this one may
     * misread: it is refused.
     *
     * @throws DataError (exit 3) naming the file, for a version newer than {@code current}
     */
    public static <T> T readVersioned(Path file, Class<T> type, int current, String what, Configuration conf)
            throws IOException {
        JsonNode document = read(file, JsonNode.class, conf);
        if (!document.isObject()) {
            throw new DataError(what + " " + file + " is not a JSON object");
        }
        int version = document.path(SCHEMA_VERSION).asInt(1);
        if (version > current) {
            throw new DataError(what + " " + file + " has " + SCHEMA_VERSION + " " + version + ", newer than the "
                    + current + " this lat reads: it was written by a newer lat; read it with that one, or rewrite it "
                    + "with this one (lat train --force)");
        }
        ((ObjectNode) document).put(SCHEMA_VERSION, version);
        // a field the record lacks (added by another tool) is left alone: the version says what the others mean
        return JSON.readerFor(type)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(document);
    }
}
