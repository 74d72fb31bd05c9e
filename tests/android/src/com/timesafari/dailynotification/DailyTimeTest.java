// DailyTime: which cron expressions are one alarm a day, and the local instants around daylight
// saving changes and missed occurrences.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.Calendar;
import java.util.TimeZone;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class DailyTimeTest {

    private static final long HOUR = 3_600_000L;
    private TimeZone savedZone;

    @Before
    public void setUp() {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    }

    @After
    public void tearDown() {
        TimeZone.setDefault(savedZone);
    }

    private static long local(int year, int month, int day, int hour, int minute) {
        Calendar c = Calendar.getInstance();
        c.clear();
        c.set(year, month - 1, day, hour, minute);
        return c.getTimeInMillis();
    }

    @Test
    public void only_plain_daily_expressions_are_accepted() {
        DailyTime t = DailyTime.fromCron(" 25  18 * * *");
        assertNotNull(t);
        assertEquals(18, t.hour);
        assertEquals(25, t.minute);
        assertNotNull(DailyTime.fromCron("0 0 * * *"));
        assertNotNull(DailyTime.fromCron("59 23 * * *"));
        for (String bad : new String[] { "60 1 * * *", "1 24 * * *", "*/5 * * * *", "0 9 * * 1-5", "0 9 1 * *", "0 9 * *", "a b * * *", "-1 9 * * *", "" }) {
            assertNull(bad, DailyTime.fromCron(bad));
        }
        assertNull(DailyTime.fromCron(null));
    }

    @Test
    public void next_and_last_are_local_and_survive_daylight_saving_changes() {
        DailyTime t = DailyTime.fromCron("30 18 * * *");
        // 2026-03-08: New York springs forward; the day has 23 hours.
        assertEquals(local(2026, 3, 8, 18, 30), t.nextAfter(local(2026, 3, 7, 18, 30)));
        assertEquals(23 * HOUR, local(2026, 3, 8, 18, 30) - local(2026, 3, 7, 18, 30));
        assertEquals(local(2026, 3, 7, 18, 30), t.nextAfter(local(2026, 3, 7, 18, 29)));
        assertEquals(local(2026, 3, 7, 18, 30), t.lastAtOrBefore(local(2026, 3, 7, 18, 30)));
        assertEquals(local(2026, 3, 6, 18, 30), t.lastAtOrBefore(local(2026, 3, 7, 18, 29)));
    }

    @Test
    public void a_missed_occurrence_is_armed_within_the_grace_period_only() {
        DailyTime t = DailyTime.fromCron("0 9 * * *");
        long nine = local(2026, 5, 4, 9, 0);
        long tomorrow = local(2026, 5, 5, 9, 0);
        // Device off at 9:00, back at 9:20: today's is still due.
        assertEquals(nine, t.toArm(nine, 0, nine + 20 * 60_000L));
        // Back at 11:00: too late, tomorrow's.
        assertEquals(tomorrow, t.toArm(nine, 0, nine + 2 * HOUR));
        // Already handled: tomorrow's.
        assertEquals(tomorrow, t.toArm(nine, nine, nine + 60_000L));
        // Nothing armed yet, before the time: today's.
        assertEquals(nine, t.toArm(0, 0, nine - HOUR));
    }

    @Test
    public void after_the_clock_went_back_a_handled_occurrence_beyond_the_next_one_skips_no_day() {
        DailyTime t = DailyTime.fromCron("0 9 * * *");
        long nine = local(2026, 5, 4, 9, 0);
        // Handled three days ahead (the clock was wrong), now back to the right date: today's.
        long handled = local(2026, 5, 7, 9, 0);
        assertEquals(0L, t.clampHandled(handled, nine - HOUR));
        assertEquals(nine, t.toArm(handled, t.clampHandled(handled, nine - HOUR), nine - HOUR));
        // A small correction after today's was handled keeps it handled: tomorrow's.
        assertEquals(nine, t.clampHandled(nine, nine - 1_000));
        assertEquals(local(2026, 5, 5, 9, 0), t.toArm(nine, t.clampHandled(nine, nine - 1_000), nine - 1_000));
    }
}
