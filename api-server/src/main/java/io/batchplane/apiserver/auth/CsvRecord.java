package io.batchplane.apiserver.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a static token file into fields, the way Kubernetes reads the file: comma
 * separated, leading spaces of a field ignored, a field may be double-quoted (so it can hold commas,
 * as the group list does) with {@code ""} standing for one quote. A quote inside an unquoted field, or
 * anything but a comma after a closing quote, is an error; quoted fields cannot span lines.
 */
final class CsvRecord {

    private CsvRecord() {
    }

    /** The fields of {@code line}; throws IllegalArgumentException describing the first syntax error. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected character after closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("quote inside an unquoted field at column " + i);
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++;
        }
    }
}
