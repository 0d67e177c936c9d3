package io.batchplane.apiserver.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax check of a CronJob schedule as the standard cron parser kube-apiserver uses accepts it:
 * five whitespace-separated fields (minute, hour, day of month, month, day of week), each a
 * comma-separated list of {@code *}, {@code ?}, a value or a range, optionally with a {@code /step};
 * month and weekday names (jan..dec, sun..sat); or a descriptor ({@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly},
 * {@code @every <duration>}). Errors are worded like the parser's. It checks syntax only; computing
 * run times is the CronJob controller's business.
 */
public final class CronScheduleSyntax {

    private record Bounds(String what, int min, int max, Map<String, Integer> names) {
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);
    private static final List<Bounds> FIELDS = List.of(new Bounds("minute", 0, 59, Map.of()),
            new Bounds("hour", 0, 23, Map.of()), new Bounds("day of month", 1, 31, Map.of()),
            new Bounds("month", 1, 12, MONTHS), new Bounds("day of week", 0, 6, DAYS));
    private static final List<String> DESCRIPTORS =
            List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern DURATION = Pattern.compile("([0-9]*(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+|0");

    private CronScheduleSyntax() {
    }

    /** Returns the parser's error for {@code schedule}, or empty when it parses. */
    public static Optional<String> check(String schedule) {
        String spec = schedule.trim();
        if (spec.isEmpty()) {
            return Optional.of("empty spec string");
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            spec = space < 0 ? "" : spec.substring(space).trim();
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String[] fields = spec.isEmpty() ? new String[0] : spec.split("\\s+");
        if (fields.length != FIELDS.size()) {
            return Optional.of("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < fields.length; i++) {
            for (String part : fields[i].split(",", -1)) {
                Optional<String> err = range(part, FIELDS.get(i));
                if (err.isPresent()) {
                    return err;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> descriptor(String spec) {
        if (DESCRIPTORS.contains(spec)) {
            return Optional.empty();
        }
        if (spec.startsWith("@every ")) {
            String d = spec.substring("@every ".length()).trim();
            if (!DURATION.matcher(d).matches() || d.matches("[.a-zµ]*")) {
                return Optional.of("failed to parse duration " + spec + ": time: invalid duration " + FieldErrors.quote(d));
            }
            return Optional.empty();
        }
        return Optional.of("unrecognized descriptor: " + spec);
    }

    private static Optional<String> range(String expr, Bounds b) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        long start;
        long end;
        try {
            if ("*".equals(lowAndHigh[0]) || "?".equals(lowAndHigh[0])) {
                start = b.min;
                end = b.max;
            } else {
                start = value(lowAndHigh[0], b);
                if (lowAndHigh.length == 1) {
                    end = start;
                } else if (lowAndHigh.length == 2) {
                    end = value(lowAndHigh[1], b);
                } else {
                    return Optional.of("too many hyphens: " + expr);
                }
            }
            long step = 1;
            if (rangeAndStep.length == 2) {
                step = number(rangeAndStep[1]);
                if (single) {
                    end = b.max;
                }
            } else if (rangeAndStep.length > 2) {
                return Optional.of("too many slashes: " + expr);
            }
            if (start < b.min) {
                return Optional.of("beginning of range (" + start + ") below minimum (" + b.min + "): " + expr);
            }
            if (end > b.max) {
                return Optional.of("end of range (" + end + ") above maximum (" + b.max + "): " + expr);
            }
            if (start > end) {
                return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
            }
            if (step == 0) {
                return Optional.of("step of range should be a positive number: " + expr);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static long value(String s, Bounds b) {
        Integer named = b.names.get(s.toLowerCase(Locale.ROOT));
        return named != null ? named : number(s);
    }

    private static long number(String s) {
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + s + ": strconv.Atoi: parsing "
                    + FieldErrors.quote(s) + ": invalid syntax");
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + s);
        }
        return n;
    }
}
