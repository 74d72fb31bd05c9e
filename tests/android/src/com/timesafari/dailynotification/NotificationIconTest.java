// The notification small icon: the plugin's own monochrome drawable, the app's through the
// documented manifest meta-data, never the launcher icon (a white square in the status bar, and a
// System UI crash loop on Android 8.0 when it is adaptive). That the vector renders is a device
// matter (the resource is built by the Android Gradle Plugin); which id the plugin picks is here.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Application;
import android.app.Notification;
import android.app.NotificationManager;
import android.content.Context;
import android.os.Bundle;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class NotificationIconTest {

    private static final int LAUNCHER_ICON = 0x7f0d0001;
    /** A drawable that loads (the framework's own status-bar icon stands for the app's). */
    private static final int APP_STAT_ICON = android.R.drawable.stat_notify_chat;

    private Application app;

    @Before
    public void setUp() {
        app = RuntimeEnvironment.getApplication();
        shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
        // As a real app: the manifest's android:icon is the (adaptive) launcher icon.
        app.getApplicationInfo().icon = LAUNCHER_ICON;
        shadowOf(app.getPackageManager()).getInternalMutablePackageInfo(app.getPackageName()).applicationInfo.icon = LAUNCHER_ICON;
    }

    private void setMetaData(Bundle meta) {
        shadowOf(app.getPackageManager()).getInternalMutablePackageInfo(app.getPackageName()).applicationInfo.metaData = meta;
    }

    private int postedSmallIcon() {
        assertTrue(NotificationPoster.post(app, NotificationPoster.DUAL_ID, "dual_notify_icon", "Title", "Body", true, 0L));
        NotificationManager nm = (NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
        Notification shown = shadowOf(nm).getNotification("dual_notify_icon", NotificationPoster.DUAL_ID);
        return shown.getSmallIcon().getResId();
    }

    @Test
    public void without_meta_data_the_small_icon_is_the_plugins_monochrome_drawable_not_the_launcher_icon() {
        setMetaData(null);
        int icon = postedSmallIcon();
        assertEquals(R.drawable.dnp_ic_stat_notification, icon);
        assertNotEquals(LAUNCHER_ICON, icon);
    }

    @Test
    public void the_app_overrides_the_small_icon_through_the_documented_meta_data() {
        Bundle meta = new Bundle();
        meta.putInt("com.timesafari.dailynotification.small_icon", APP_STAT_ICON);
        setMetaData(meta);
        assertEquals(APP_STAT_ICON, postedSmallIcon());
    }

    /**
     * An id that does not load as a drawable would make every notify() a "Bad notification posted"
     * crash: refused on every API level (here 35), not only on Android 8.0.
     */
    @Test
    public void meta_data_that_is_not_a_drawable_leaves_the_plugins_icon() {
        for (int notADrawable : new int[] { android.R.string.ok, 0x7f0d0099 }) {
            Bundle meta = new Bundle();
            meta.putInt("com.timesafari.dailynotification.small_icon", notADrawable);
            setMetaData(meta);
            assertEquals("id 0x" + Integer.toHexString(notADrawable), R.drawable.dnp_ic_stat_notification, postedSmallIcon());
        }
    }

    @Test
    public void unrelated_meta_data_leaves_the_plugins_icon() {
        Bundle meta = new Bundle();
        meta.putString("com.google.android.geo.API_KEY", "x");
        setMetaData(meta);
        assertEquals(R.drawable.dnp_ic_stat_notification, postedSmallIcon());
    }
}
