package io.batchplane.cronjobcontroller.schedule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses a duration in Go's notation ({@code 1h30m}, {@code 90s}, {@code 1.5h}, {@code 300ms}),
 * the form {@code @every} takes: an optional sign, then one or more decimal numbers each followed by
 * a unit ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}); a bare
 * {@code 0} is allowed. Errors read like Go's.
 */
final class GoDuration {

    private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    static Duration parse(String text) throws CronParseException {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new CronParseException("time: missing unit in duration " + quote(text));
            }
            Long scale = UNIT_NANOS.get(unit);
            if (scale == null) {
                throw new CronParseException("time: unknown unit " + quote(unit) + " in duration " + quote(text));
            }
            nanos = nanos.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(scale)));
        }
        long whole = nanos.longValue();
        return Duration.ofNanos(negative ? -whole : whole);
    }

    private static CronParseException invalid(String text) {
        return new CronParseException("time: invalid duration " + quote(text));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
