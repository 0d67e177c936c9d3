package io.batchplane.apiserver.selection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector for one resource: a conjunction of {@code field=value},
 * {@code field==value} and {@code field!=value} terms, matched against an object's JSON. Only the
 * fields kube-apiserver supports for the resource are accepted (see {@link FieldLabels}); in values,
 * {@code \,}, {@code \=} and {@code \\} stand for the literal characters.
 */
public final class FieldSelector {

    private record Term(String field, boolean equal, String value, Function<ObjectNode, String> reader) {
        boolean matches(ObjectNode object) {
            return reader.apply(object).equals(value) == equal;
        }

        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + value;
        }
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The selector that matches every object. */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses {@code selector} for objects of {@code resource} (plural name, e.g. {@code pods});
     * {@code null} or empty means everything.
     *
     * @throws ApiException BadRequest for bad syntax or {@code field label not supported: <field>}
     */
    public static FieldSelector parse(String resource, String selector) {
        if (selector == null || selector.isEmpty()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : split(selector)) {
            if (part.isEmpty()) {
                continue;
            }
            int[] op = findOperator(part);
            if (op == null) {
                throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + part + "'");
            }
            String field = part.substring(0, op[0]);
            String value = unescape(part.substring(op[0] + op[1]));
            boolean equal = part.charAt(op[0]) != '!';
            Function<ObjectNode, String> reader = FieldLabels.reader(resource, field)
                    .orElseThrow(() -> ApiException.badRequest("field label not supported: " + field));
            terms.add(new Term(field, equal, value, reader));
        }
        return new FieldSelector(terms);
    }

    /** Whether {@code object} satisfies every term. */
    public boolean matches(ObjectNode object) {
        for (Term t : terms) {
            if (!t.matches(object)) {
                return false;
            }
        }
        return true;
    }

    /** True when the selector has no terms and so matches everything. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /**
     * The value {@code field} must equal for an object to match, when some {@code field=value} term
     * requires it: lets a caller narrow a scan (e.g. pods by {@code spec.nodeName}) before matching.
     */
    public Optional<String> requiredValue(String field) {
        return terms.stream().filter(t -> t.equal && t.field.equals(field)).map(Term::value).findFirst();
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    /** Splits on commas not preceded by an escaping backslash; escapes stay in place. */
    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** The position and length of the first unescaped {@code !=}, {@code ==} or {@code =}; null if none. */
    private static int[] findOperator(String term) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '\\') {
                i++;
            } else if (term.startsWith("!=", i) || term.startsWith("==", i)) {
                return new int[] {i, 2};
            } else if (c == '=') {
                return new int[] {i, 1};
            }
        }
        return null;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
                    String seq = value.substring(i, Math.min(i + 2, value.length()));
                    throw ApiException.badRequest("invalid field selector: invalid escape sequence: " + seq);
                }
                out.append(value.charAt(++i));
            } else if (c == ',' || c == '=') {
                throw ApiException.badRequest("invalid field selector: unescaped character in value: " + c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
