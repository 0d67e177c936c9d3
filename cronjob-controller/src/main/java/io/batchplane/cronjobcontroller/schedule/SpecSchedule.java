package io.batchplane.cronjobcontroller.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A five-field cron schedule (minute, hour, day of month, month, day of week) evaluated in one time
 * zone, with the activation rules of the cron library upstream Kubernetes uses:
 * <ul>
 * <li>Days: when both day fields are restricted, a day matches if <em>either</em> matches; when
 * either is a wildcard ({@code *}/{@code ?}, not {@code *}{@code /n} with n &gt; 1), both must
 * match (so a wildcard one side leaves the other side in charge).</li>
 * <li>Daylight saving: hours are stepped on the real time line, so a local time skipped by a
 * spring-forward transition does not run that day (a {@code 30 2 * * *} job in New York skips the
 * transition day), and a local time repeated by a fall-back transition runs twice (once per offset).
 * Days start at the first instant of the local date.</li>
 * <li>No activation within five years of the starting point means none at all.</li>
 * </ul>
 */
public record SpecSchedule(CronField minute, CronField hour, CronField dayOfMonth, CronField month,
        CronField dayOfWeek, ZoneId zone) implements CronSchedule {

    private static final int SEARCH_YEARS = 5;

    @Override
    public Optional<Instant> next(Instant after) {
        ZonedDateTime t = after.atZone(zone).plusSeconds(1).withNano(0);
        int yearLimit = t.getYear() + SEARCH_YEARS;
        boolean reset = false;
        search:
        while (true) {
            if (t.getYear() > yearLimit) {
                return Optional.empty();
            }
            while (!month.has(t.getMonthValue())) {
                if (!reset) {
                    reset = true;
                    t = startOfDay(t.toLocalDate().withDayOfMonth(1));
                }
                t = startOfDay(t.toLocalDate().withDayOfMonth(1).plusMonths(1));
                if (t.getMonthValue() == 1) {
                    continue search;
                }
            }
            while (!dayMatches(t)) {
                if (!reset) {
                    reset = true;
                    t = startOfDay(t.toLocalDate());
                }
                t = startOfDay(t.toLocalDate().plusDays(1));
                if (t.getDayOfMonth() == 1) {
                    continue search;
                }
            }
            while (!hour.has(t.getHour())) {
                if (!reset) {
                    reset = true;
                    t = ZonedDateTime.of(t.toLocalDateTime().truncatedTo(ChronoUnit.HOURS), zone);
                }
                t = t.plusHours(1);
                if (t.getHour() == 0) {
                    continue search;
                }
            }
            while (!minute.has(t.getMinute())) {
                if (!reset) {
                    reset = true;
                    t = t.truncatedTo(ChronoUnit.MINUTES);
                }
                t = t.plusMinutes(1);
                if (t.getMinute() == 0) {
                    continue search;
                }
            }
            if (t.getSecond() != 0) {
                reset = true;
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                continue;
            }
            return Optional.of(t.toInstant());
        }
    }

    private ZonedDateTime startOfDay(LocalDate date) {
        return date.atStartOfDay(zone);
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = dayOfMonth.has(t.getDayOfMonth());
        boolean dow = dayOfWeek.has(t.getDayOfWeek().getValue() % 7);
        if (dayOfMonth.wildcard() || dayOfWeek.wildcard()) {
            return dom && dow;
        }
        return dom || dow;
    }
}
