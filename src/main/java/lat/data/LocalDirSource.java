package lat.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import lat.config.HadoopConfigurations;

/**
 * A local directory holding {@code <name>.gz} or {@code <name>} for each file: one the user names,
 * or the one a system package installs them in (Debian's dataset-fashion-mnist has this layout).
 */
final class LocalDirSource implements FetchSource {
    private final Path dir;
    private final String what;

    /** {@code what} says which directory it is, for the user ("local directory"). */
    LocalDirSource(Path dir, String what) {
        this.dir = dir;
        this.what = what;
    }

    @Override
    public String name() {
        return what + " " + dir;
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
