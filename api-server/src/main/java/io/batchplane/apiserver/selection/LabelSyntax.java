package io.batchplane.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax Kubernetes requires of label keys (qualified names: an optional DNS-subdomain prefix and
 * a slash, then a name of at most 63 characters) and label values (empty, or at most 63 characters of
 * alphanumerics, {@code -}, {@code _} and {@code .}, starting and ending alphanumeric). Each check
 * returns the list of problems worded as kube-apiserver words them; an empty list means valid.
 */
public final class LabelSyntax {

    private static final String NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern NAME = Pattern.compile(NAME_FORMAT);
    private static final String VALUE_FORMAT = "(" + NAME_FORMAT + ")?";
    private static final Pattern VALUE = Pattern.compile(VALUE_FORMAT);
    private static final String SUBDOMAIN_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
    private static final int MAX_NAME = 63;
    private static final int MAX_SUBDOMAIN = 253;

    private static final String NAME_HINT = "must consist of alphanumeric characters, '-', '_' or '.', and must "
            + "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '" + NAME_FORMAT + "')";

    private LabelSyntax() {
    }

    /** Problems with {@code key} as a label key; empty when it is a valid qualified name. */
    public static List<String> keyErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                for (String e : subdomainErrors(prefix)) {
                    errors.add("prefix part " + e);
                }
            }
        } else {
            errors.add("a qualified name " + NAME_HINT
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > MAX_NAME) {
            errors.add("name part must be no more than " + MAX_NAME + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            errors.add("name part " + NAME_HINT);
        }
        return errors;
    }

    /** Problems with {@code value} as a label value; empty when valid (the empty string is valid). */
    public static List<String> valueErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > MAX_NAME) {
            errors.add("must be no more than " + MAX_NAME + " characters");
        }
        if (!VALUE.matcher(value).matches()) {
            errors.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
                    + "or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
                    + "'my_value',  or '12345', regex used for validation is '" + VALUE_FORMAT + "')");
        }
        return errors;
    }

    private static List<String> subdomainErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > MAX_SUBDOMAIN) {
            errors.add("must be no more than " + MAX_SUBDOMAIN + " characters");
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            errors.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                    + "regex used for validation is '" + SUBDOMAIN_FORMAT + "')");
        }
        return errors;
    }
}
