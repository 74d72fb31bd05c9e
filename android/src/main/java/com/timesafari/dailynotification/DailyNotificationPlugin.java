// The Capacitor plugin "DailyNotification": the native-fetcher methods of the JavaScript API
// (src-ts/definitions.ts, tests/web/bridge-contract.json). Each call is parsed here, run on one
// background thread against the native core, and resolved with the core's JSON or rejected with
// its error code. Scheduling and notification methods live with the scheduling code.
package com.timesafari.dailynotification;

import android.content.Context;
import com.getcapacitor.JSObject;
import com.getcapacitor.Plugin;
import com.getcapacitor.PluginCall;
import com.getcapacitor.PluginMethod;
import com.getcapacitor.annotation.CapacitorPlugin;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.json.JSONException;

@CapacitorPlugin(name = "DailyNotification")
public class DailyNotificationPlugin extends Plugin {

    /** One thread: native calls never run on the main thread and run in the order JS made them. */
    private final ExecutorService nativeThread = Executors.newSingleThreadExecutor(runnable -> {
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
        run(call, context -> new JSObject(NativeCore.configure(FetcherOptions.configure(call.getData()))));
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

    /** Logout: deletes the pool, the store, its Keystore key and any prefetched content. */
    @PluginMethod
    public void clearNativeFetcher(PluginCall call) {
        run(call, context -> {
            NativeCore.clear();
            NotificationContentStore.clear(context);
            return null;
        });
    }

    private void run(PluginCall call, NativeCall body) {
        Context context = getContext();
        nativeThread.execute(() -> {
            try {
                NativeFetcher.ensureInitialized(context);
                JSObject result = body.run(context);
                if (result == null) {
                    call.resolve();
                } else {
                    call.resolve(result);
                }
            } catch (NativeCoreException e) {
                call.reject(e.getMessage(), e.getCode());
            } catch (JSONException e) {
                call.reject("unreadable answer from the native core", NativeCoreException.INTERNAL);
            } catch (RuntimeException | Error e) {
                // Includes UnsatisfiedLinkError when the .so is missing for this ABI.
                call.reject("internal error: " + e.getClass().getSimpleName(), NativeCoreException.INTERNAL);
            }
        });
    }

    @Override
    protected void handleOnDestroy() {
        nativeThread.shutdown();
    }
}
