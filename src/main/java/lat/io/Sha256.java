package lat.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** SHA-256 digests as lower-case hex, the form of {@code sha256sum}. */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies {@code in} to {@code out} and returns the SHA-256 of the bytes copied. */
    public static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        new DigestInputStream(in, digest).transferTo(out);
        return hex(digest);
    }

    /** The SHA-256 of the file at {@code file}, any Hadoop path. */
    public static String ofFile(Path file, Configuration conf) throws IOException {
        try (InputStream in = HadoopFiles.fileSystem(file, conf).open(file)) {
            return copy(in, OutputStream.nullOutputStream());
        }
    }
}
