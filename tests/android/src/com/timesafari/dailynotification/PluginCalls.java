// Drives DailyNotificationPlugin the way Capacitor does: a PluginHandle built from the class (its
// annotations), PluginCall objects, and invoke(methodName, call). The Bridge and MessageHandler are
// Mockito mocks (they need a WebView); the mock records what the plugin resolved or rejected and on
// which thread.
package com.timesafari.dailynotification;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import android.content.Context;
import com.getcapacitor.Bridge;
import com.getcapacitor.JSObject;
import com.getcapacitor.MessageHandler;
import com.getcapacitor.PluginCall;
import com.getcapacitor.PluginHandle;
import com.getcapacitor.PluginResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;

final class PluginCalls {

    /** What a call ended with. */
    static final class Outcome {
        final boolean resolved;
        /** The resolved value (resolved) or {message, code} (rejected); empty for resolve(). */
        final JSONObject data;
        final String thread;
        /** Resolved with no value at all (JavaScript sees undefined), not even {}. */
        final boolean noValue;

        Outcome(boolean resolved, JSONObject data, String thread, boolean noValue) {
            this.resolved = resolved;
            this.data = data;
            this.thread = thread;
            this.noValue = noValue;
        }

        String code() {
            return data.optString("code", null);
        }

        String message() {
            return data.optString("message", null);
        }
    }

    private final AtomicInteger nextId = new AtomicInteger();
    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    /** addListener calls (kept alive): every event they receive, in order. */
    private final ConcurrentHashMap<String, BlockingQueue<JSONObject>> listeners = new ConcurrentHashMap<>();
    private final MessageHandler messages = mock(MessageHandler.class);
    final PluginHandle handle;

    PluginCalls(Context context) throws Exception {
        Bridge bridge = mock(Bridge.class);
        when(bridge.getContext()).thenReturn(context);
        doAnswer(invocation -> {
            PluginCall call = invocation.getArgument(0);
            PluginResult success = invocation.getArgument(1);
            PluginResult error = invocation.getArgument(2);
            boolean resolved = error == null;
            PluginResult result = resolved ? success : error;
            JSONObject data = result == null ? new JSONObject() : new JSONObject(result.toString());
            BlockingQueue<JSONObject> events = listeners.get(call.getCallbackId());
            if (events != null) {
                events.add(data);
                return null;
            }
            pending.get(call.getCallbackId()).complete(new Outcome(resolved, data, Thread.currentThread().getName(), resolved && success == null));
            return null;
        }).when(messages).sendResponseMessage(any(), any(), any());
        handle = new PluginHandle(bridge, DailyNotificationPlugin.class);
    }

    /** Invokes a plugin method as Capacitor would and waits for its result. */
    Outcome call(String method, JSObject options) throws Exception {
        return start(method, options).get(30, TimeUnit.SECONDS);
    }

    /** Invokes a plugin method as Capacitor would; its result comes later. */
    CompletableFuture<Outcome> start(String method, JSObject options) throws Exception {
        String id = "cb" + nextId.incrementAndGet();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        pending.put(id, done);
        PluginCall call = new PluginCall(messages, handle.getId(), id, method, options == null ? new JSObject() : options);
        handle.invoke(method, call);
        return done;
    }

    /**
     * {@code addListener(eventName)} as the JavaScript side calls it (Capacitor's Plugin.addListener,
     * a kept-alive call): returns the queue of the events it receives.
     */
    BlockingQueue<JSONObject> listen(String eventName) throws Exception {
        String id = "cb" + nextId.incrementAndGet();
        BlockingQueue<JSONObject> events = new LinkedBlockingQueue<>();
        listeners.put(id, events);
        JSObject options = new JSObject();
        options.put("eventName", eventName);
        handle.invoke("addListener", new PluginCall(messages, handle.getId(), id, "addListener", options));
        return events;
    }

    DailyNotificationPlugin plugin() {
        return (DailyNotificationPlugin) handle.getInstance();
    }
}
