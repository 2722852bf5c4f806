package lat.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A local directory holding {@code <name>.gz} or {@code <name>} for each file. */
final class LocalDirSource implements FetchSource {
    private final Path dir;

    LocalDirSource(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "local directory " + dir;
    }

    @Override
    public void prepare() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("no such directory");
        }
    }

    @Override
    public InputStream open(MnistFile file) throws IOException {
        for (String name : new String[] {file.gzName(), file.fileName()}) {
            Path path = dir.resolve(name);
            if (Files.isRegularFile(path)) {
                return Files.newInputStream(path);
            }
        }
        throw new FileNotFoundException("neither " + file.gzName() + " nor " + file.fileName() + " there");
    }
}
