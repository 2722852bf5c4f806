package lat.findings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** The paper's findings, read once from {@value #RESOURCE}. */
public final class PaperFindings {
    public static final String RESOURCE = "/lat/findings/paper-findings.json";

    /** The findings in the file's order. */
    public static final List<Finding> ALL = read();

    private PaperFindings() {}

    private record File(String about, List<Finding> findings) {}

    private static List<Finding> read() {
        JsonMapper json = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = Objects.requireNonNull(PaperFindings.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            List<Finding> findings = json.readValue(in, File.class).findings();
            if (!findings.stream().map(Finding::id).allMatch(new HashSet<>()::add)) {
                throw new IllegalStateException(RESOURCE + " names a finding twice");
            }
            return List.copyOf(findings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
