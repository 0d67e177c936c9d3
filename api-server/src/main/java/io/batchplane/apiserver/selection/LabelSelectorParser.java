package io.batchplane.apiserver.selection;

import io.batchplane.api.ApiException;
import io.batchplane.apiserver.selection.LabelRequirement.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the label-selector string syntax of Kubernetes into requirements.
 *
 * <pre>
 *   selector    := requirement ("," requirement)*
 *   requirement := ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
 * </pre>
 *
 * Whitespace separates tokens and is otherwise ignored; values may be empty ({@code a=}, {@code a in ()});
 * {@code in} and {@code notin} are operators only right after a key and plain words elsewhere. Errors are
 * worded as kube-apiserver words them so that kubectl users see familiar messages.
 */
final class LabelSelectorParser {

    private enum Kind { IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, BANG, GREATER, LESS,
        OPEN, CLOSE, COMMA, END }

    private record Token(Kind kind, String text) {
    }

    private static final Map<String, Kind> SYMBOLS = Map.of(
            "=", Kind.EQUALS, "==", Kind.DOUBLE_EQUALS, "!=", Kind.NOT_EQUALS, "!", Kind.BANG,
            ">", Kind.GREATER, "<", Kind.LESS, "(", Kind.OPEN, ")", Kind.CLOSE, ",", Kind.COMMA);
    private static final String SPECIAL = "=!(),<>";

    private final List<Token> tokens;
    private int position;

    private LabelSelectorParser(String input) {
        this.tokens = lex(input);
    }

    /** The requirements {@code input} spells, in input order; BadRequest when it is not valid syntax. */
    static List<LabelRequirement> parse(String input) {
        return new LabelSelectorParser(input).requirements();
    }

    private List<LabelRequirement> requirements() {
        List<LabelRequirement> result = new ArrayList<>();
        while (true) {
            Token next = peek(true);
            switch (next.kind) {
                case END -> {
                    return result;
                }
                case IDENTIFIER, BANG -> {
                    result.add(requirement());
                    Token after = take(true);
                    if (after.kind == Kind.END) {
                        return result;
                    }
                    if (after.kind != Kind.COMMA) {
                        throw error("found '" + after.text + "', expected: ',' or 'end of string'");
                    }
                    Token first = peek(true);
                    if (first.kind != Kind.IDENTIFIER && first.kind != Kind.BANG) {
                        throw error("found '" + first.text + "', expected: identifier after ','");
                    }
                }
                default -> throw error("found '" + next.text + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement requirement() {
        try {
            return readRequirement();
        } catch (IllegalArgumentException e) {
            throw error("unable to parse requirement: " + e.getMessage());
        }
    }

    private LabelRequirement readRequirement() {
        Token key = take(true);
        boolean negated = key.kind == Kind.BANG;
        if (negated) {
            key = take(true);
        }
        if (key.kind != Kind.IDENTIFIER) {
            throw new IllegalArgumentException("found '" + key.text + "', expected: identifier");
        }
        Kind following = peek(true).kind;
        if (negated || following == Kind.END || following == Kind.COMMA) {
            return LabelRequirement.of(key.text, negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS, Set.of());
        }
        Token op = take(false);
        Operator operator = switch (op.kind) {
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case GREATER -> Operator.GREATER_THAN;
            case LESS -> Operator.LESS_THAN;
            default -> throw new IllegalArgumentException(
                    "found '" + op.text + "', expected: in, notin, =, ==, !=, gt, lt");
        };
        Set<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? valueSet() : exactValue();
        return LabelRequirement.of(key.text, operator, values);
    }

    private Set<String> valueSet() {
        Token open = take(true);
        if (open.kind != Kind.OPEN) {
            throw new IllegalArgumentException("found '" + open.text + "' expected: '('");
        }
        Set<String> values = new TreeSet<>();
        boolean expectValue = true;
        while (true) {
            Token t = take(true);
            switch (t.kind) {
                case IDENTIFIER -> {
                    if (!expectValue) {
                        throw new IllegalArgumentException("found '" + t.text + "', expected: ',' or ')'");
                    }
                    values.add(t.text);
                    expectValue = false;
                }
                case COMMA -> {
                    if (expectValue) {
                        values.add("");
                    }
                    expectValue = true;
                }
                case CLOSE -> {
                    if (expectValue) {
                        values.add("");
                    }
                    return values;
                }
                default -> throw new IllegalArgumentException("found '" + t.text + "', expected: ',', or identifier");
            }
        }
    }

    private Set<String> exactValue() {
        Token t = peek(true);
        if (t.kind == Kind.END || t.kind == Kind.COMMA) {
            return Set.of("");
        }
        take(true);
        if (t.kind != Kind.IDENTIFIER) {
            throw new IllegalArgumentException("found '" + t.text + "', expected: identifier");
        }
        return Set.of(t.text);
    }

    /**
     * The current token; where a value may stand, the words {@code in}/{@code notin} read as identifiers.
     */
    private Token peek(boolean valueContext) {
        Token t = tokens.get(position);
        if (valueContext && (t.kind == Kind.IN || t.kind == Kind.NOT_IN)) {
            return new Token(Kind.IDENTIFIER, t.text);
        }
        return t;
    }

    private Token take(boolean valueContext) {
        Token t = peek(valueContext);
        if (t.kind != Kind.END) {
            position++;
        }
        return t;
    }

    private static ApiException error(String message) {
        return ApiException.badRequest(message);
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                out.add(new Token(Kind.END, ""));
                return out;
            }
            int start = i;
            if (SPECIAL.indexOf(s.charAt(i)) >= 0) {
                // every single symbol character is a token, so the longest known symbol always exists
                Kind longest = null;
                int end = i;
                for (int j = i + 1; j <= s.length() && SPECIAL.indexOf(s.charAt(j - 1)) >= 0; j++) {
                    Kind k = SYMBOLS.get(s.substring(i, j));
                    if (k != null) {
                        longest = k;
                        end = j;
                    } else if (longest != null) {
                        break;
                    }
                }
                out.add(new Token(longest, s.substring(start, end)));
                i = end;
            } else {
                while (i < s.length() && SPECIAL.indexOf(s.charAt(i)) < 0 && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                Kind kind = word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENTIFIER;
                out.add(new Token(kind, word));
            }
        }
    }
}
