// The environment every scheduling test runs in: a time zone with a half-hour offset (a UTC/local
// mix-up cannot pass unnoticed), a fresh native core, no leftover prefetched content, exact alarms
// allowed, and a recording PrefetchQueue in place of WorkManager (absent from the JVM).
package com.timesafari.dailynotification;

import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.content.Context;
import java.util.TimeZone;
import org.junit.After;
import org.junit.Before;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadows.ShadowAlarmManager;

abstract class SchedulingTestBase {

    protected Context app;
    protected PluginCalls plugin;
    protected Schedules.RecordingQueue queue;
    private TimeZone savedZone;

    /** Whether POST_NOTIFICATIONS is granted before each test (the permission tests start without). */
    protected boolean grantNotifications() {
        return true;
    }

    @Before
    public final void setUpSchedulingEnvironment() throws Exception {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        app = RuntimeEnvironment.getApplication();
        if (grantNotifications()) {
            shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
        }
        Fixtures.installFresh(app);
        NotificationContentStore.clear(app);
        ShadowAlarmManager.setCanScheduleExactAlarms(true);
        queue = new Schedules.RecordingQueue();
        Schedule.prefetchQueue = queue;
        plugin = new PluginCalls(app);
    }

    @After
    public final void restoreSchedulingEnvironment() {
        Schedule.prefetchQueue = PrefetchQueue.WORK_MANAGER;
        TimeZone.setDefault(savedZone);
        ShadowAlarmManager.setCanScheduleExactAlarms(true);
    }
}
