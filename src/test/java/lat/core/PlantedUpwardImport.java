package lat.core;

import lat.cli.Main;

/**
 * A deliberate violation for {@code ArchitectureTest}: a class of the vocabulary layer that uses the
 * command line. Test code only; it shows that the layer rule can fail.
 */
final class PlantedUpwardImport {
    private PlantedUpwardImport() {}

    static int exitStatusOf(String... args) {
        return Main.run(args);
    }
}
