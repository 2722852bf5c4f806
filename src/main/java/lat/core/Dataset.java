package lat.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The image datasets lat trains and evaluates on ({@code lat.data.dataset}): both are IDX files of
 * 60,000 training and 10,000 test images of 28 x 28 grey pixels in ten classes, an object on a
 * black background. Where the files come from and their checksums are configuration
 * ({@code lat.data.datasets.<id>}); the class names are what the report shows for labels.
 */
public enum Dataset implements Named {
    /** Handwritten digits (LeCun, Cortes, Burges). */
    MNIST("mnist", "MNIST", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    /** Zalando's article images (Xiao, Rasul, Vollgraf 2017), the class names of its README. */
    FASHION_MNIST(
            "fashion-mnist",
            "Fashion-MNIST",
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot"));

    private final String id;
    private final String title;
    private final List<String> classNames;

    Dataset(String id, String title, List<String> classNames) {
        Check.that(classNames.size() == Images.CLASSES, "a dataset has " + Images.CLASSES + " class names");
        this.id = id;
        this.title = title;
        this.classNames = classNames;
    }

    @Override
    public String id() {
        return id;
    }

    /** The name people know it by, for the report ("Fashion-MNIST"). */
    public String title() {
        return title;
    }

    /** The evaluation table's {@code dataset} value: its test set, e.g. {@code fashion-mnist-test}. */
    public String testSetId() {
        return id + "-test";
    }

    /** The name of class {@code label} (0..9), e.g. "Trouser" for 1 of Fashion-MNIST, "1" for MNIST. */
    public String className(int label) {
        Check.between(label, 0, Images.CLASSES - 1, "label");
        return classNames.get(label);
    }

    /** The dataset whose test set the evaluation table names {@code testSetId}, if any. */
    public static Optional<Dataset> ofTestSet(String testSetId) {
        return Arrays.stream(values())
                .filter(d -> d.testSetId().equals(testSetId))
                .findFirst();
    }

    /** The dataset named {@code id}, or an {@link IllegalArgumentException} listing the names allowed. */
    public static Dataset fromId(String id) {
        return Named.byId(Dataset.class, id, "dataset");
    }

    /** The allowed names, comma separated, for error messages. */
    public static String ids() {
        return Named.ids(Dataset.class);
    }

    @Override
    public String toString() {
        return id;
    }
}
