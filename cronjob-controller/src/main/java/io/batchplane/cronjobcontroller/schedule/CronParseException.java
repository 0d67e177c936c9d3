package io.batchplane.cronjobcontroller.schedule;

/** A schedule the cron parser rejects; the message is worded like upstream's parser's. */
public final class CronParseException extends Exception {

    public CronParseException(String message) {
        super(message);
    }
}
