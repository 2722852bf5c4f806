package lat.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lat.core.ConfigError;

/**
 * Reads the {@code include}s of a configuration file, failing where HOCON would silently skip a
 * missing one (only {@code include required(...)} fails there): a user who includes a profile that
 * is not there must not get the defaults instead. One includer per file, so that the error names
 * the file that has the {@code include}.
 *
 * <p>{@code include "name"} is read relative to the including file's directory (HOCON's rule; its
 * fallback to a classpath resource of that name is not kept: {@code include classpath("name")}
 * says so explicitly); {@code include file(...)}, {@code classpath(...)} and {@code url(...)} as
 * HOCON reads them. A name without an extension stands for its .conf, .json and .properties files,
 * of which at least one must exist.
 */
final class StrictIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderClasspath, ConfigIncluderURL {
    private static final List<String> EXTENSIONS = List.of(".conf", ".json", ".properties");

    /** The file whose includes this includer reads. */
    private final Path includingFile;

    StrictIncluder(Path includingFile) {
        this.includingFile = includingFile;
    }

    /** Parses {@code file} (which exists), reading its includes strictly. */
    static ConfigObject parse(Path file, ConfigParseOptions options) {
        return ConfigFactory.parseFile(
                        file.toFile(), options.setAllowMissing(false).setIncluder(new StrictIncluder(file)))
                .root();
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this; // every kind of include is handled here
    }

    /** {@code include "what"}: a URL when it is one, else a file relative to the including file. */
    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        try {
            return includeURL(context, new URL(what));
        } catch (MalformedURLException notAUrl) {
            Path path = Path.of(what);
            Path resolved = path.isAbsolute() ? path : absoluteParent().resolve(path);
            return includeFile(context, what, resolved);
        }
    }

    /** {@code include file("what")}: relative to the working directory, as in HOCON. */
    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        return includeFile(context, file.getPath(), file.toPath().toAbsolutePath());
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String resource) {
        try {
            return ConfigFactory.parseResourcesAnySyntax(resource, required(context))
                    .root();
        } catch (ConfigException.IO missing) {
            throw missingInclude("classpath(\"" + resource + "\")", "no such resource on the class path");
        }
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
        try {
            return ConfigFactory.parseURL(url, required(context)).root();
        } catch (ConfigException.IO unreadable) {
            throw missingInclude("url(\"" + url + "\")", unreadable.getMessage());
        }
    }

    private ConfigObject includeFile(ConfigIncludeContext context, String what, Path file) {
        String name = file.getFileName().toString();
        if (EXTENSIONS.stream().anyMatch(name::endsWith)) {
            if (!Files.isRegularFile(file)) {
                throw missingInclude("\"" + what + "\"", file + " does not exist");
            }
            return parse(file, context.parseOptions());
        }
        ConfigObject merged = null;
        for (String extension : EXTENSIONS) {
            Path candidate = file.resolveSibling(name + extension);
            if (Files.isRegularFile(candidate)) {
                ConfigObject parsed = parse(candidate, context.parseOptions());
                merged = merged == null ? parsed : merged.withFallback(parsed);
            }
        }
        if (merged == null) {
            throw missingInclude("\"" + what + "\"", "none of " + file + String.join(", ", EXTENSIONS) + " exists");
        }
        return merged;
    }

    private Path absoluteParent() {
        Path parent = includingFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    private static ConfigParseOptions required(ConfigIncludeContext context) {
        return context.parseOptions().setAllowMissing(false);
    }

    private ConfigError missingInclude(String include, String why) {
        return new ConfigError(includingFile + " includes " + include + ", but " + why);
    }
}
