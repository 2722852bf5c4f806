package lat.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Small JSON documents (metadata, checkpoint notes, executor statistics) on any Hadoop path. */
public final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

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
}
