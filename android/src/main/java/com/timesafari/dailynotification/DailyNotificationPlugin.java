// The Capacitor plugin "DailyNotification": every method of the JavaScript API (src-ts/definitions.ts,
// tests/web/bridge-contract.json). Each call is parsed here, run on one background thread, and
// resolved with the documented shape or rejected with a contract code. The native-fetcher methods
// go to the native core; the scheduling ones to the core's schedule through Schedule, which stores
// the plan the core returns and arms what it lists (AlarmScheduler, WorkManager, NotificationPoster).
package com.timesafari.dailynotification;

import android.Manifest;
import android.content.ActivityNotFoundException;
import android.content.Context;
import android.content.Intent;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.net.Uri;
import android.os.Build;
import android.provider.Settings;
import com.getcapacitor.JSObject;
import com.getcapacitor.PermissionState;
import com.getcapacitor.Plugin;
import com.getcapacitor.PluginCall;
import com.getcapacitor.PluginMethod;
import com.getcapacitor.annotation.CapacitorPlugin;
import com.getcapacitor.annotation.Permission;
import com.getcapacitor.annotation.PermissionCallback;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.json.JSONException;
import org.json.JSONObject;

@CapacitorPlugin(
    name = "DailyNotification",
    // POST_NOTIFICATIONS is a runtime permission from Android 13; Capacitor requests it by alias.
    permissions = { @Permission(strings = { Manifest.permission.POST_NOTIFICATIONS }, alias = DailyNotificationPlugin.DISPLAY) }
)
public class DailyNotificationPlugin extends Plugin {

    static final String DISPLAY = "display";

    /**
     * One thread for the process: native calls never run on the main thread and run in the order
     * JS made them. It is never shut down. Capacitor's Bridge.onDestroy calls handleOnDestroy and
     * then quitSafely() on its handler thread, which still runs the calls already queued
     * (node_modules/@capacitor/android/capacitor/src/main/java/com/getcapacitor/Bridge.java,
     * onDestroy); such a call must find a working executor, or the RejectedExecutionException
     * would be rethrown on that thread and kill the process. Static, so that a new Activity's
     * plugin keeps the order of the old one's last calls.
     */
    private static final ExecutorService nativeThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "DailyNotification-native");
        thread.setDaemon(true);
        return thread;
    });

    private interface NativeCall {
        /** The value to resolve with; null resolves with no value. */
        JSObject run(Context context) throws NativeCoreException, JSONException;
    }

    @PluginMethod
    public void configureNativeFetcher(PluginCall call) {
        run(call, context -> new JSObject(NativeCore.configure(FetcherOptions.configure(call.getData(), isDebuggable(context)))));
    }

    /** The app's own build type: FLAG_DEBUGGABLE is set by debug builds only (android:debuggable). */
    static boolean isDebuggable(Context context) {
        return (context.getApplicationInfo().flags & ApplicationInfo.FLAG_DEBUGGABLE) != 0;
    }

    @PluginMethod
    public void updateStarredPlans(PluginCall call) {
        run(call, context -> new JSObject(NativeCore.updateStarredPlans(FetcherOptions.planIds(call.getData()))));
    }

    @PluginMethod
    public void getStarredPlans(PluginCall call) {
        run(call, context -> new JSObject(NativeCore.getStarredPlans()));
    }

    @PluginMethod
    public void getNativeFetcherStatus(PluginCall call) {
        run(call, context -> new JSObject(NativeCore.status()));
    }

    /**
     * Logout: deletes the pool, the store, its Keystore key, any prefetched content and its
     * cursor, and the dual notifications shown (with the last-shown record). The content, the
     * shade and the record go even when the store cannot be opened (a Keystore that does not
     * answer): the call then rejects with that error, and nothing of the old user is left to show.
     */
    @PluginMethod
    public void clearNativeFetcher(PluginCall call) {
        runScheduling(call, context -> {
            try {
                NativeFetcher.ensureInitialized(context);
                NativeCore.clear();
            } finally {
                // Prefetched content names the user's projects: it goes even if the store could not.
                NotificationContentStore.forgetAll(context);
                NotificationPoster.forgetShownContent(context);
                Schedule.rearm(context, "fetcherCleared", System.currentTimeMillis());
            }
            return null;
        });
    }

    /**
     * Every launch re-arms the stored alarms (a force stop removes them; WorkManager keeps its work).
     * The first launch after the swap also takes over the old plugin's starred plan ids.
     */
    @Override
    public void load() {
        Context context = getContext();
        enqueue(() -> migrateLegacyState(context));
        enqueue(() -> Schedule.rearm(context, "load", System.currentTimeMillis()));
    }

    /** Runs before any call of the app (same thread, queued first); a failure is logged, not fatal. */
    private static void migrateLegacyState(Context context) {
        try {
            JSONObject answer = LegacyState.migrate(context);
            if (answer != null) {
                android.util.Log.i("DailyNotification", "old plugin's starred plans: " + answer.optString("outcome")
                    + ", " + answer.optInt("imported") + " imported, " + answer.optInt("skipped") + " skipped");
            }
        } catch (NativeCoreException e) {
            // The old key stays; the next launch tries again.
            android.util.Log.w("DailyNotification", "old plugin's starred plans not migrated: " + e.getCode());
        } catch (JSONException | RuntimeException | LinkageError e) {
            android.util.Log.w("DailyNotification", "old plugin's starred plans not migrated: " + e.getClass().getSimpleName());
        }
    }

    // Dual schedule

    @PluginMethod
    public void scheduleDualNotification(PluginCall call) {
        schedulingCall(call);
    }

    /** Takes the configuration itself or {@code { config }} (the core tells them apart). */
    @PluginMethod
    public void updateDualScheduleConfig(PluginCall call) {
        schedulingCall(call);
    }

    /** Leaves the daily reminders alone. */
    @PluginMethod
    public void cancelDualSchedule(PluginCall call) {
        schedulingCall(call);
    }

    @PluginMethod
    public void getDualScheduleStatus(PluginCall call) {
        runScheduling(call, context -> {
            JSONObject dual = Schedule.handle(context, Schedule.event("status"), System.currentTimeMillis()).getJSONObject("dual");
            Object lastPrefetch = lastPrefetch(context);
            return JSObject.fromJSONObject(dual.put("lastPrefetch", lastPrefetch == null ? JSONObject.NULL : lastPrefetch));
        });
    }

    // Static daily reminder

    @PluginMethod
    public void scheduleDailyNotification(PluginCall call) {
        schedulingCall(call);
    }

    @PluginMethod
    public void cancelDailyReminder(PluginCall call) {
        schedulingCall(call);
    }

    /** A scheduling method: its name and options go to the core as they are; resolves empty. */
    private void schedulingCall(PluginCall call) {
        runScheduling(call, context -> {
            Schedule.handle(context, Schedule.call(call.getMethodName(), call.getData()), System.currentTimeMillis());
            return null;
        });
    }

    // Permissions and notification state

    @Override
    @PluginMethod
    public void checkPermissions(PluginCall call) {
        call.resolve(permissionStatus());
    }

    /** Asks for POST_NOTIFICATIONS on Android 13+ when not granted; below it there is nothing to ask. */
    @Override
    @PluginMethod
    public void requestPermissions(PluginCall call) {
        if (Build.VERSION.SDK_INT < 33 || isPostNotificationsGranted()) {
            call.resolve(permissionStatus());
        } else {
            requestPermissionForAlias(DISPLAY, call, "displayPermissionCallback");
        }
    }

    @PermissionCallback
    private void displayPermissionCallback(PluginCall call) {
        Context context = getContext();
        enqueue(() -> Schedule.rearm(context, "permissionChange", System.currentTimeMillis()));
        call.resolve(permissionStatus());
    }

    @PluginMethod
    public void getNotificationStatus(PluginCall call) {
        runScheduling(call, context -> {
            JSONObject status = Schedule.handle(context, Schedule.event("status"), System.currentTimeMillis());
            return JSObject.fromJSONObject(status.getJSONObject("notifications").put("isEnabled", NotificationPoster.canPost(context)));
        });
    }

    /** Every schedule (dual and reminders) and the plugin's shown notifications; the fetcher stays. */
    @PluginMethod
    public void cancelAllNotifications(PluginCall call) {
        schedulingCall(call);
    }

    /**
     * Resolves with no value when nothing was shown yet ({@code call.resolve()}: JavaScript sees
     * {@code undefined}, never {@code {}}), the documented answer; a Capacitor call cannot resolve
     * a bare null. No JavaScript layer changes it, so the app's own registerPlugin handle sees it too.
     */
    @PluginMethod
    public void getLastNotification(PluginCall call) {
        runScheduling(call, context -> {
            JSONObject last = NotificationPoster.last(context);
            return last == null ? null : JSObject.fromJSONObject(last);
        });
    }

    // Diagnostics

    /** "Will my notification come, and if not, why?" (DeliveryDiagnostics). */
    @PluginMethod
    public void getDiagnostics(PluginCall call) {
        String permission = displayState().toString();
        run(call, context -> DeliveryDiagnostics.collect(context, permission));
    }

    /** The old plugin's call, answered from getDiagnostics: {@code { scheduled }}. */
    @PluginMethod
    public void isAlarmScheduled(PluginCall call) {
        runScheduling(call, context -> {
            JSObject result = new JSObject();
            result.put("scheduled", DeliveryDiagnostics.scheduleInstants(context).scheduled);
            return result;
        });
    }

    /** The old plugin's call, answered from getDiagnostics: {@code { scheduled, nextAlarmAt }}. */
    @PluginMethod
    public void getNextAlarmTime(PluginCall call) {
        runScheduling(call, context -> {
            DeliveryDiagnostics.Instants instants = DeliveryDiagnostics.scheduleInstants(context);
            JSObject result = new JSObject();
            result.put("scheduled", instants.scheduled);
            result.put("nextAlarmAt", instants.nextNotificationAt == null ? JSONObject.NULL : instants.nextNotificationAt);
            return result;
        });
    }

    // Exact alarms (Android only)

    @PluginMethod
    public void getExactAlarmStatus(PluginCall call) {
        JSObject result = new JSObject();
        result.put("supported", Build.VERSION.SDK_INT >= Build.VERSION_CODES.S);
        result.put("enabled", AlarmScheduler.canScheduleExact(getContext()));
        call.resolve(result);
    }

    /** Opens the system's exact-alarm screen when the grant is missing (Android 12+); else resolves. */
    @PluginMethod
    public void requestExactAlarmPermission(PluginCall call) {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S || AlarmScheduler.canScheduleExact(getContext())) {
            call.resolve();
            return;
        }
        openExactAlarmScreen(call);
    }

    /** Opens the exact-alarm screen (Android 12+); below Android 12 exact alarms need no grant. */
    @PluginMethod
    public void openExactAlarmSettings(PluginCall call) {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S) {
            call.resolve();
            return;
        }
        openExactAlarmScreen(call);
    }

    private void openExactAlarmScreen(PluginCall call) {
        Context context = getActivity() != null ? getActivity() : getContext();
        Intent intent = new Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse("package:" + context.getPackageName()));
        if (getActivity() == null) {
            intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK);
        }
        try {
            context.startActivity(intent);
            call.resolve();
        } catch (ActivityNotFoundException e) {
            call.reject("this device has no exact-alarm settings screen", "UNAVAILABLE");
        }
    }

    /** {@code { display, allPermissionsGranted }}: display is all the schedules need. */
    private JSObject permissionStatus() {
        PermissionState display = displayState();
        JSObject result = new JSObject();
        result.put(DISPLAY, display.toString());
        result.put("allPermissionsGranted", display == PermissionState.GRANTED);
        return result;
    }

    private PermissionState displayState() {
        Context context = getContext();
        if (Build.VERSION.SDK_INT < 33 || isPostNotificationsGranted()) {
            // Granted, or no runtime permission: the user's switch for the app decides.
            return NotificationPoster.canPost(context) ? PermissionState.GRANTED : PermissionState.DENIED;
        }
        // Not granted: Capacitor knows whether asking again can show the prompt.
        PermissionState state = getPermissionState(DISPLAY);
        return state == null || state == PermissionState.GRANTED ? PermissionState.PROMPT : state;
    }

    private boolean isPostNotificationsGranted() {
        return getContext().checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED;
    }

    /** The core's lastPrefetch, or null when the core cannot tell (not configured, not loadable). */
    private static Object lastPrefetch(Context context) {
        try {
            NativeFetcher.ensureInitialized(context);
            return new JSONObject(NativeCore.status()).opt("lastPrefetch");
        } catch (NativeCoreException | JSONException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Like run, without opening the store: scheduling needs only the library, not init. */
    private void runScheduling(PluginCall call, NativeCall body) {
        execute(call, body, false);
    }

    private void run(PluginCall call, NativeCall body) {
        execute(call, body, true);
    }

    private void execute(PluginCall call, NativeCall body, boolean needsCore) {
        Context context = getContext();
        boolean queued = enqueue(() -> {
            try {
                if (needsCore) {
                    NativeFetcher.ensureInitialized(context);
                }
                JSObject result = body.run(context);
                if (result == null) {
                    call.resolve();
                } else {
                    call.resolve(result);
                }
            } catch (NativeCoreException e) {
                call.reject(e.getMessage(), e.getCode(), null, errorData(e));
            } catch (JSONException e) {
                call.reject("unreadable answer from the native core", NativeCoreException.INTERNAL);
            } catch (RuntimeException | Error e) {
                // Includes UnsatisfiedLinkError when the .so is missing for this ABI.
                call.reject("internal error: " + e.getClass().getSimpleName(), NativeCoreException.INTERNAL);
            }
        });
        if (!queued) {
            call.reject("the plugin is shutting down", NativeCoreException.INTERNAL);
        }
    }

    /** The core's error details (e.g. NO_USABLE_TOKENS' rejections) for JavaScript's error.data. */
    private static JSObject errorData(NativeCoreException e) {
        if (e.getDataJson() == null) {
            return null;
        }
        try {
            return new JSObject(e.getDataJson());
        } catch (JSONException unreadable) {
            return null;
        }
    }

    /**
     * Queues {@code task} on the native thread. The executor is never shut down, so a rejection is
     * not expected; should one happen, it reaches the caller as a value, never as an exception
     * on Capacitor's handler thread.
     */
    private static boolean enqueue(Runnable task) {
        try {
            nativeThread.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            android.util.Log.e("DailyNotification", "native thread refused a task");
            return false;
        }
    }

    /**
     * The Activity is destroyed: nothing to release. The native thread outlives the Bridge (see
     * {@link #nativeThread}); the work already queued, a call's or a re-arm's, still completes.
     */
    @Override
    protected void handleOnDestroy() {}
}
