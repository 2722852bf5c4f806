package lat.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lat.core.Urls;

/**
 * Settings records flattened into configuration keys and values, e.g. {@code lat.evaluate.pgd.step-size -> 0.03},
 * by walking the record components (camelCase names become the keys' kebab-case). Credentials in
 * URLs (a mirror's, an s3a:// path's) are hidden.
 */
final class SettingsTable {
    private SettingsTable() {
    }

    static Map<String, String> flatten(String prefix, Record settings) {
        Map<String, String> keys = new LinkedHashMap<>();
        add(keys, prefix, settings);
        return keys;
    }

    private static void add(Map<String, String> keys, String prefix, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + key, e);
            }
            if (value instanceof Record nested) {
                add(keys, key, nested);
            } else if (value instanceof List<?> list) {
                keys.put(key, Urls.redact(list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))));
            } else {
                keys.put(key, Urls.redact(String.valueOf(value)));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
