// DailyTime: a local time of day read from a daily cron expression "M H * * *", and its instants.
// Android arms one alarm per occurrence, so only plain daily expressions are schedulable here (the
// iOS layer has the same limit); java.util.Calendar rather than java.time because minSdk is 23.
package com.timesafari.dailynotification;

import java.util.Calendar;
import java.util.TimeZone;
import java.util.regex.Pattern;

final class DailyTime {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");

    /**
     * An occurrence missed while its alarm could not fire (device off, clock changed) is still
     * shown this long after its time when the schedule is re-armed; older ones are skipped.
     */
    static final long MISSED_GRACE_MILLIS = 60 * 60 * 1000L;

    final int hour;
    final int minute;

    DailyTime(int hour, int minute) {
        this.hour = hour;
        this.minute = minute;
    }

    /** The time of "M H * * *" (any whitespace between fields), or null for anything else. */
    static DailyTime fromCron(String cron) {
        if (cron == null) {
            return null;
        }
        String[] fields = cron.trim().split("\\s+");
        if (fields.length != 5 || !"*".equals(fields[2]) || !"*".equals(fields[3]) || !"*".equals(fields[4])) {
            return null;
        }
        if (!NUMBER.matcher(fields[0]).matches() || !NUMBER.matcher(fields[1]).matches()) {
            return null;
        }
        int minute = Integer.parseInt(fields[0]);
        int hour = Integer.parseInt(fields[1]);
        return minute <= 59 && hour <= 23 ? new DailyTime(hour, minute) : null;
    }

    /** The first instant strictly after {@code millis} at this local time of day. */
    long nextAfter(long millis) {
        Calendar c = atThisTime(millis);
        // A few iterations at most: DST can move a wall-clock time by an hour either way.
        while (c.getTimeInMillis() <= millis) {
            c.add(Calendar.DAY_OF_MONTH, 1);
            c.set(Calendar.HOUR_OF_DAY, hour);
            c.set(Calendar.MINUTE, minute);
        }
        return c.getTimeInMillis();
    }

    /** The last instant at or before {@code millis} at this local time of day. */
    long lastAtOrBefore(long millis) {
        Calendar c = atThisTime(millis);
        while (c.getTimeInMillis() > millis) {
            c.add(Calendar.DAY_OF_MONTH, -1);
            c.set(Calendar.HOUR_OF_DAY, hour);
            c.set(Calendar.MINUTE, minute);
        }
        return c.getTimeInMillis();
    }

    /**
     * The occurrence to arm: the armed one if it was missed by at most MISSED_GRACE_MILLIS and not
     * handled (it fires at once), otherwise the next one after both now and the last handled one.
     */
    long toArm(long armed, long handled, long now) {
        if (armed > handled && armed <= now && now - armed <= MISSED_GRACE_MILLIS) {
            return armed;
        }
        return nextAfter(Math.max(now, handled));
    }

    /**
     * The last handled occurrence as seen from {@code now}. Handled may lie in the future after the
     * clock went back (TIME_SET, e.g. a clock that was days ahead): up to the next occurrence it
     * still means "this one was shown" (a correction of seconds must not show it twice); beyond it,
     * it would skip every day until then, so it is forgotten.
     */
    long clampHandled(long handled, long now) {
        return handled > nextAfter(now) ? 0L : handled;
    }

    /** This time of day on the local date of {@code millis}. */
    private Calendar atThisTime(long millis) {
        Calendar c = Calendar.getInstance(TimeZone.getDefault());
        c.setTimeInMillis(millis);
        c.set(Calendar.HOUR_OF_DAY, hour);
        c.set(Calendar.MINUTE, minute);
        c.set(Calendar.SECOND, 0);
        c.set(Calendar.MILLISECOND, 0);
        return c;
    }
}
