package lat.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form of {@code sha256sum} and {@link MnistFile#sha256()}. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies {@code in} to {@code out} and returns the SHA-256 of the bytes copied. */
    static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        new DigestInputStream(in, digest).transferTo(out);
        return hex(digest);
    }
}
