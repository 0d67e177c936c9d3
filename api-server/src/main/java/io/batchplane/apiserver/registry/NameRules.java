package io.batchplane.apiserver.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats Kubernetes uses for names, label keys and values: each check returns the
 * list of problems (empty when valid) worded as apimachinery's {@code util/validation} words them, so
 * callers can attach them to any field path.
 */
public final class NameRules {

    public static final int DNS1123_LABEL_MAX = 63;
    public static final int DNS1123_SUBDOMAIN_MAX = 253;
    public static final int QUALIFIED_NAME_MAX = 63;
    public static final int LABEL_VALUE_MAX = 63;

    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final String QUALIFIED_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_FMT + ")?";
    private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
    private static final Pattern QUALIFIED = Pattern.compile(QUALIFIED_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern HTTP_PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

    static final String LABEL_ERROR = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '" + LABEL_FMT + "')";
    static final String SUBDOMAIN_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '" + SUBDOMAIN_FMT + "')";
    static final String QUALIFIED_ERROR = "must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
            + "validation is '" + QUALIFIED_FMT + "')";
    static final String LABEL_VALUE_ERROR = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
            + "or 'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE_FMT + "')";

    private NameRules() {
    }

    public static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX) {
            errs.add(maxLen(DNS1123_LABEL_MAX));
        }
        if (!LABEL.matcher(value).matches()) {
            errs.add(LABEL_ERROR);
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLen(DNS1123_SUBDOMAIN_MAX));
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            errs.add(SUBDOMAIN_ERROR);
        }
        return errs;
    }

    /**
     * Validates a name, or with {@code prefix} a generateName prefix: a prefix may end in '-' because
     * random characters are appended to it.
     */
    public static List<String> name(String value, boolean prefix, boolean label) {
        String v = prefix && value.endsWith("-") ? value.substring(0, value.length() - 1) + "a" : value;
        return label ? dns1123Label(v) : dns1123Subdomain(v);
    }

    /** An optional DNS-subdomain prefix and '/', then a name part: label keys, annotation keys, finalizers. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String msg : dns1123Subdomain(prefix)) {
                    errs.add("prefix part " + msg);
                }
            }
        } else {
            errs.add("a qualified name " + QUALIFIED_ERROR
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > QUALIFIED_NAME_MAX) {
            errs.add("name part " + maxLen(QUALIFIED_NAME_MAX));
        }
        if (!QUALIFIED.matcher(name).matches()) {
            errs.add("name part " + QUALIFIED_ERROR);
        }
        return errs;
    }

    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > LABEL_VALUE_MAX) {
            errs.add(maxLen(LABEL_VALUE_MAX));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(LABEL_VALUE_ERROR);
        }
        return errs;
    }

    /** A DNS subdomain, '/', then an HTTP path: the format of {@code spec.managedBy}. */
    public static List<String> domainPrefixedPath(String value) {
        List<String> errs = new ArrayList<>();
        int slash = value.indexOf('/');
        if (slash < 0) {
            errs.add("must be a domain-prefixed path (such as \"acme.io/foo\")");
            return errs;
        }
        errs.addAll(dns1123Subdomain(value.substring(0, slash)));
        String path = value.substring(slash + 1);
        if (!HTTP_PATH.matcher(path).matches()) {
            errs.add("Invalid path: " + FieldErrors.quote(path));
        }
        return errs;
    }
}
