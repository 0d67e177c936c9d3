package io.batchplane.kubelet.runtime;

import java.time.Duration;

/**
 * Parses the durations users write in annotations: a Go-style duration made of number+unit parts
 * ({@code 30s}, {@code 1m30s}, {@code 1500ms}, {@code 2h}, {@code 0.5s}) or a bare number of seconds
 * ({@code 45}). Negative durations are rejected.
 */
public final class DurationText {

    private DurationText() {
    }

    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            double amount = Double.parseDouble(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            long nanosPerUnit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            };
            total = total.plusNanos(Math.round(amount * nanosPerUnit));
        }
        return total;
    }
}
