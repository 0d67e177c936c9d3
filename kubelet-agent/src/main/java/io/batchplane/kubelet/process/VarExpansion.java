package io.batchplane.kubelet.process;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} expansion, as applied to a container's {@code env} values, {@code command}
 * and {@code args}: {@code $(NAME)} becomes the value of NAME when NAME is known and stays as written
 * when it is not; {@code $$} is an escaped {@code $} (so {@code $$(NAME)} yields the text
 * {@code $(NAME)}); any other {@code $} and an unclosed {@code $(} are kept literally. The result is
 * never expanded again.
 */
public final class VarExpansion {

    private VarExpansion() {
    }

    public static String expand(String input, Map<String, String> vars) {
        if (input == null || input.indexOf('$') < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 >= input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(input, i, input.length());
                    break;
                }
                String name = input.substring(i + 2, close);
                String value = name.isEmpty() ? null : vars.get(name);
                out.append(value != null ? value : input.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c).append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
