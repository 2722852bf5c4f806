package lat.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import lat.core.ConfigError;

/**
 * Reads typed values out of a resolved configuration and turns every problem into one
 * {@link ConfigError} naming the key, the value, where it came from and what is allowed.
 * {@link SettingsLoader} uses it to build the settings records; it knows no key names besides the
 * root {@code lat}.
 */
final class ConfigReader {

    /** Only keys under this root are ours; elsewhere than in the user's file (system properties) the rest is ignored. */
    private static final String ROOT = "lat";

    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    // ---- typed reads ----

    /** Any string, empty included. */
    String string(String key) {
        return get(key, "a string", Config::getString);
    }

    String nonEmptyString(String key) {
        String expected = "a non-empty string";
        String value = get(key, expected, Config::getString);
        if (value.isBlank()) {
            throw invalid(key, "expected " + expected);
        }
        return value;
    }

    boolean bool(String key) {
        return get(key, "true or false", Config::getBoolean);
    }

    /** Any whole number that fits a long. */
    long wholeNumber(String key) {
        return wholeNumber(key, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
    }

    int positiveInt(String key) {
        return (int) wholeNumber(key, 1, Integer.MAX_VALUE, "a positive whole number");
    }

    long positiveLong(String key) {
        return wholeNumber(key, 1, Long.MAX_VALUE, "a positive whole number");
    }

    int intBetween(String key, int min, int max) {
        return (int) wholeNumber(key, min, max, "a whole number from " + min + " to " + max);
    }

    double positiveNumber(String key) {
        return number(key, value -> value > 0, "a positive number");
    }

    /** A finite number for which {@code allowed} holds; {@code expected} says which in words. */
    double number(String key, DoublePredicate allowed, String expected) {
        double value = get(key, expected, Config::getDouble);
        if (!Double.isFinite(value) || !allowed.test(value)) {
            throw invalid(key, "expected " + expected);
        }
        return value;
    }

    /** A positive HOCON duration such as {@code 30s} or {@code 2m}. */
    Duration positiveDuration(String key) {
        String expected = "a positive duration such as 30s or 2m";
        Duration value = get(key, expected, Config::getDuration);
        if (value.isNegative() || value.isZero()) {
            throw invalid(key, "expected " + expected);
        }
        return value;
    }

    /**
     * A non-empty list of distinct numbers, each one for which {@code allowed} holds ({@code expected}
     * says which in words); a single number stands for a list of one.
     */
    List<Double> distinctNumbers(String key, DoublePredicate allowed, String expected) {
        String what = "a non-empty list of distinct numbers, each " + expected;
        List<Double> values = new ArrayList<>();
        for (Number number : numberOrList(key, what)) {
            double value = number.doubleValue();
            if (!Double.isFinite(value) || !allowed.test(value) || values.contains(value)) {
                throw invalid(key, "expected " + what);
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    /** A non-empty list of distinct positive whole numbers; a single number stands for a list of one. */
    List<Integer> distinctPositiveInts(String key) {
        String what = "a positive whole number, or a non-empty list of distinct ones";
        List<Integer> values = new ArrayList<>();
        for (Number number : numberOrList(key, what)) {
            long value = number.longValue();
            if (number.doubleValue() != value
                    || value < 1
                    || value > Integer.MAX_VALUE
                    || values.contains((int) value)) {
                throw invalid(key, "expected " + what);
            }
            values.add((int) value);
        }
        return List.copyOf(values);
    }

    /** A non-empty list of distinct whole numbers (any sign); a single number stands for a list of one. */
    List<Long> distinctWholeNumbers(String key) {
        String what = "a whole number, or a non-empty list of distinct ones";
        List<Long> values = new ArrayList<>();
        for (Number number : numberOrList(key, what)) {
            long value = number.longValue();
            if (number.doubleValue() != value || values.contains(value)) {
                throw invalid(key, "expected " + what);
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw invalid(key, "expected " + what);
        }
        return List.copyOf(values);
    }

    private List<Number> numberOrList(String key, String expected) {
        List<Number> numbers = get(
                key,
                expected,
                (config, path) -> config.getValue(path).valueType() == ConfigValueType.NUMBER
                        ? List.of(config.getNumber(path))
                        : config.getNumberList(path));
        if (numbers.isEmpty()) {
            throw invalid(key, "expected " + expected);
        }
        return numbers;
    }

    List<String> stringList(String key) {
        return List.copyOf(get(key, "a list of strings", Config::getStringList));
    }

    /** The one name at {@code key}, looked up with {@code byName}; an unknown name lists the allowed ones. */
    <T> T named(String key, Function<String, T> byName, String what, String allowedNames) {
        String name = get(key, "a " + what + " name from: " + allowedNames, Config::getString);
        try {
            return byName.apply(name);
        } catch (IllegalArgumentException unknown) {
            throw invalid(key, "unknown " + what + " '" + name + "'; allowed: " + allowedNames);
        }
    }

    /**
     * A list of names, each turned into a value by {@code byName} (which throws
     * IllegalArgumentException for an unknown name) and none listed twice.
     *
     * @param what         what a name names, for messages ("model")
     * @param allowedNames the names allowed, for messages
     */
    <T> List<T> distinctNames(String key, Function<String, T> byName, String what, String allowedNames) {
        List<String> names = get(key, "a list of " + what + " names from: " + allowedNames, Config::getStringList);
        Set<String> seen = new HashSet<>();
        List<T> values = new ArrayList<>();
        for (String name : names) {
            T value;
            try {
                value = byName.apply(name);
            } catch (IllegalArgumentException unknown) {
                throw invalid(key, "unknown " + what + " '" + name + "'; allowed: " + allowedNames);
            }
            if (!seen.add(name)) {
                throw invalid(key, what + " '" + name + "' is listed twice; list each " + what + " once");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    // ---- keys ----

    /**
     * Rejects every key under {@code lat} that {@code reference} does not define, so that a typo
     * fails loudly instead of silently leaving the default in place; and every section of
     * {@code reference} replaced by a plain value.
     */
    void rejectKeysNotIn(Config reference) {
        Set<String> knownKeys = keysUnderRoot(reference).keySet();
        for (Map.Entry<String, ConfigValue> entry : keysUnderRoot(config).entrySet()) {
            String key = entry.getKey();
            if (knownKeys.contains(key) || isListElement(key, reference)) {
                continue;
            }
            if (reference.hasPath(key)) {
                // A leaf here but a section there: e.g. "lat.train = 5".
                throw invalid(
                        key,
                        "expected a section with the keys "
                                + String.join(
                                        ", ",
                                        new TreeSet<>(
                                                reference.getConfig(key).root().keySet())));
            }
            throw new ConfigError("unknown configuration key '" + key + "' ("
                    + entry.getValue().origin().description() + ")" + suggestion(key, knownKeys));
        }
    }

    /**
     * Rejects every top-level key of {@code file} but {@code lat}: a section written outside
     * {@code lat { }} ({@code train { steps = 5 }}) or a misspelled root ({@code lta { }}) would
     * otherwise be ignored and leave every default in place.
     */
    static void rejectRootsOtherThanLat(Config file, Config reference) {
        for (String root : new TreeSet<>(file.root().keySet())) {
            if (root.equals(ROOT)) {
                continue;
            }
            ConfigValue value = file.root().get(root);
            throw new ConfigError("unknown top-level key '" + root + "' ("
                    + value.origin().description() + "): every lat setting is under " + ROOT + " { ... }; "
                    + rootSuggestion(root, value, reference));
        }
    }

    /** "did you mean 'lat.train'?" for a section of lat written outside it, "'lat'?" for a misspelled lat. */
    private static String rootSuggestion(String root, ConfigValue value, Config reference) {
        Set<String> sections = reference.getConfig(ROOT).root().keySet();
        if (sections.contains(root)) {
            return "did you mean '" + ConfigUtil.joinPath(ROOT, root) + "'?";
        }
        boolean holdsLatSections =
                value instanceof ConfigObject object && object.keySet().stream().anyMatch(sections::contains);
        if (holdsLatSections || editDistance(root, ROOT) == 1) {
            return "did you mean '" + ROOT + "'?";
        }
        return "the keys allowed are listed, with their defaults, in reference.conf";
    }

    /** The leaf keys under {@code lat}, sorted so that the first problem reported is always the same. */
    private static Map<String, ConfigValue> keysUnderRoot(Config config) {
        Map<String, ConfigValue> keys = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
            if (ConfigUtil.splitPath(entry.getKey()).get(0).equals(ROOT)) {
                keys.put(entry.getKey(), entry.getValue());
            }
        }
        return keys;
    }

    /**
     * Whether {@code key} is an element of a list written as numbered keys, as system properties
     * must ({@code -Dlat.train.models.0=natural}); Typesafe Config reads those as a list.
     */
    private static boolean isListElement(String key, Config reference) {
        List<String> path = ConfigUtil.splitPath(key);
        String parent = ConfigUtil.joinPath(path.subList(0, path.size() - 1));
        return path.get(path.size() - 1).matches("\\d+")
                && reference.hasPath(parent)
                && reference.getValue(parent).valueType() == ConfigValueType.LIST;
    }

    /** "; did you mean 'x'?" for the closest known key when it is close enough to be a typo. */
    private static String suggestion(String unknownKey, Set<String> knownKeys) {
        String closest = knownKeys.stream()
                .min(Comparator.comparingInt(known -> editDistance(unknownKey, known)))
                .orElseThrow();
        if (editDistance(unknownKey, closest) <= unknownKey.length() / 3) {
            return "; did you mean '" + closest + "'?";
        }
        return "; the keys allowed are listed, with their defaults, in reference.conf";
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- errors ----

    /**
     * The error for a value that is present but not allowed:
     * "invalid lat.attack.epsilon = 1.5 (conf/x.conf: 12): expected a number in (0, 1]".
     */
    ConfigError invalid(String key, String detail) {
        ConfigValue value = config.getValue(key);
        return new ConfigError("invalid " + key + " = " + value.render(ConfigRenderOptions.concise()) + " ("
                + value.origin().description() + "): " + detail);
    }

    /** Reads {@code key} with {@code getter}, rephrasing Typesafe's missing and wrong-type errors. */
    private <T> T get(String key, String expected, BiFunction<Config, String, T> getter) {
        try {
            return getter.apply(config, key);
        } catch (ConfigException.Missing missing) {
            // Also a null value; reference.conf defines every key, so this means it was removed.
            throw new ConfigError("missing configuration key " + key + ": expected " + expected
                    + " (reference.conf lists every key with its default)");
        } catch (ConfigException.WrongType | ConfigException.BadValue wrong) {
            throw invalid(key, "expected " + expected);
        }
    }

    private long wholeNumber(String key, long min, long max, String expected) {
        Number number = get(key, expected, Config::getNumber);
        long value = number.longValue();
        // Typesafe reads 1e4 and 12.5 alike as doubles: accept the first, reject the second.
        boolean whole = number.doubleValue() == value;
        if (!whole || value < min || value > max) {
            throw invalid(key, "expected " + expected);
        }
        return value;
    }
}
