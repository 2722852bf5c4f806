package lat.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import lat.config.HadoopConfigurations;

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
        String found = file.findIn(dir.toUri().toString(), HadoopConfigurations.create())
                .orElseThrow(() -> new FileNotFoundException(file.neitherName() + " there"));
        return Files.newInputStream(Path.of(URI.create(found)));
    }
}
