package io.batchplane.cronjobcontroller.schedule;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a CronJob {@code schedule} exactly as the standard cron parser of upstream Kubernetes
 * accepts it:
 * <ul>
 * <li>five whitespace-separated fields: minute (0-59), hour (0-23), day of month (1-31), month
 * (1-12 or {@code jan}..{@code dec}), day of week (0-6 or {@code sun}..{@code sat}; 7 is rejected);
 * names are case-insensitive;</li>
 * <li>each field a comma-separated list (empty items are skipped) of {@code *} or {@code ?}, a value
 * or a range {@code a-b}, optionally with {@code /step}; {@code a/step} means {@code a-max/step};</li>
 * <li>or a descriptor: {@code @yearly}/{@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}/{@code @midnight}, {@code @hourly}, {@code @every <Go duration>};</li>
 * <li>optionally prefixed by {@code TZ=<zone> } or {@code CRON_TZ=<zone> }, which overrides the
 * zone the caller passes.</li>
 * </ul>
 * Error messages are worded like upstream's, because they end up in the CronJob's events.
 */
public final class CronParser {

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);
    private static final Bounds MINUTE = new Bounds(0, 59, Map.of());
    private static final Bounds HOUR = new Bounds(0, 23, Map.of());
    private static final Bounds DAY_OF_MONTH = new Bounds(1, 31, Map.of());
    private static final Bounds MONTH = new Bounds(1, 12, MONTHS);
    private static final Bounds DAY_OF_WEEK = new Bounds(0, 6, DAYS);
    private static final String EVERY = "@every ";

    private CronParser() {
    }

    /** Parses {@code spec}; times are evaluated in {@code zone} unless the spec names its own. */
    public static CronSchedule parse(String spec, ZoneId zone) throws CronParseException {
        if (spec.isEmpty()) {
            throw new CronParseException("empty spec string");
        }
        String rest = spec;
        ZoneId location = zone;
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = rest.indexOf(' ');
            String name = rest.substring(rest.indexOf('=') + 1, space < 0 ? rest.length() : space);
            location = TimeZones.load(name)
                    .orElseThrow(() -> new CronParseException("provided bad location " + name + ": unknown time zone " + name));
            rest = space < 0 ? "" : rest.substring(space).trim();
        }
        if (rest.startsWith("@")) {
            return descriptor(rest, location);
        }
        String trimmed = rest.trim();
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (fields.length != 5) {
            throw new CronParseException("expected exactly 5 fields, found " + fields.length + ": "
                    + Arrays.toString(fields).replace(", ", " "));
        }
        return new SpecSchedule(field(fields[0], MINUTE), field(fields[1], HOUR), field(fields[2], DAY_OF_MONTH),
                field(fields[3], MONTH), field(fields[4], DAY_OF_WEEK), location);
    }

    private static CronSchedule descriptor(String spec, ZoneId zone) throws CronParseException {
        CronField minute0 = CronField.only(0);
        CronField hour0 = CronField.only(0);
        switch (spec) {
            case "@yearly", "@annually":
                return new SpecSchedule(minute0, hour0, CronField.only(1), CronField.only(1), CronField.all(0, 6), zone);
            case "@monthly":
                return new SpecSchedule(minute0, hour0, CronField.only(1), CronField.all(1, 12), CronField.all(0, 6), zone);
            case "@weekly":
                return new SpecSchedule(minute0, hour0, CronField.all(1, 31), CronField.all(1, 12), CronField.only(0), zone);
            case "@daily", "@midnight":
                return new SpecSchedule(minute0, hour0, CronField.all(1, 31), CronField.all(1, 12), CronField.all(0, 6), zone);
            case "@hourly":
                return new SpecSchedule(minute0, CronField.all(0, 23), CronField.all(1, 31), CronField.all(1, 12),
                        CronField.all(0, 6), zone);
            default:
                break;
        }
        if (spec.startsWith(EVERY)) {
            try {
                return ConstantDelaySchedule.every(GoDuration.parse(spec.substring(EVERY.length())));
            } catch (CronParseException e) {
                throw new CronParseException("failed to parse duration " + spec + ": " + e.getMessage());
            }
        }
        throw new CronParseException("unrecognized descriptor: " + spec);
    }

    private static CronField field(String field, Bounds bounds) throws CronParseException {
        long bits = 0;
        boolean wildcard = false;
        for (String item : field.split(",")) {
            if (item.isEmpty()) {
                continue;
            }
            CronField part = range(item, bounds);
            bits |= part.bits();
            wildcard |= part.wildcard();
        }
        return new CronField(bits, wildcard);
    }

    private static CronField range(String expr, Bounds b) throws CronParseException {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        int start;
        int end;
        boolean wildcard = false;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = b.min;
            end = b.max;
            wildcard = true;
        } else {
            start = value(lowAndHigh[0], b);
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = value(lowAndHigh[1], b);
            } else {
                throw new CronParseException("too many hyphens: " + expr);
            }
        }
        int step = 1;
        if (rangeAndStep.length == 2) {
            step = number(rangeAndStep[1]);
            if (lowAndHigh.length == 1) {
                end = b.max;
            }
            if (step > 1) {
                wildcard = false;
            }
        } else if (rangeAndStep.length > 2) {
            throw new CronParseException("too many slashes: " + expr);
        }
        if (start < b.min) {
            throw new CronParseException("beginning of range (" + start + ") below minimum (" + b.min + "): " + expr);
        }
        if (end > b.max) {
            throw new CronParseException("end of range (" + end + ") above maximum (" + b.max + "): " + expr);
        }
        if (start > end) {
            throw new CronParseException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new CronParseException("step of range should be a positive number: " + expr);
        }
        return new CronField(CronField.range(start, end, step), wildcard);
    }

    private static int value(String s, Bounds b) throws CronParseException {
        Integer named = b.names.get(s.toLowerCase(Locale.ROOT));
        return named != null ? named : number(s);
    }

    private static int number(String s) throws CronParseException {
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CronParseException("failed to parse int from " + s + ": strconv.Atoi: parsing \"" + s
                    + "\": invalid syntax");
        }
        if (n < 0) {
            throw new CronParseException("negative number (" + n + ") not allowed: " + s);
        }
        return n;
    }
}
