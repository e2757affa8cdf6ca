package dev.callcoach.webapp.base;

import java.time.Duration;

/** Durations as people read them. */
public final class Durations {

    private Durations() {
    }

    /** Rounded up to whole seconds: "45 s", "1 min 30 s", "12 min", "1 h 5 min". Never "0 s". */
    public static String humanize(Duration duration) {
        long seconds = Math.max(1, ceilSeconds(duration));
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
        }
        return rest + " s";
    }

    /**
     * How soon, the one way the page says it: "in 45 s" under a minute, else whole minutes rounded up,
     * "in 54 min", "in 1 h 5 min". Rounded up, so it never promises too early.
     */
    public static String in(Duration duration) {
        long seconds = Math.max(1, ceilSeconds(duration));
        if (seconds < 60) {
            return "in " + seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return "in " + minutes + " min";
        }
        return rest == 0 ? "in " + hours + " h" : "in " + hours + " h " + rest + " min";
    }

    /** Time gone by, as a clock in whole seconds elapsed: "0:07", "12:34", "1:02:03". Negative shows "0:00". */
    public static String elapsed(Duration duration) {
        return clock(Math.max(0, duration.getSeconds()));
    }

    private static String clock(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0
                ? "%d:%02d:%02d".formatted(hours, minutes, rest)
                : "%d:%02d".formatted(minutes, rest);
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
