// Rfc3339: the UTC timestamps the API reports ("2026-05-01T18:30:00Z", as the core and iOS write them).
package com.timesafari.dailynotification;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

final class Rfc3339 {

    private Rfc3339() {}

    static String format(long millis) {
        return formatter().format(new Date(millis));
    }

    /** The core writes UTC instants with a Z suffix; java.time is not available before API 26. */
    static long parse(String rfc3339) throws ParseException {
        return formatter().parse(rfc3339).getTime();
    }

    /** A new formatter per call: SimpleDateFormat is not thread-safe, and calls are rare. */
    private static SimpleDateFormat formatter() {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.US);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        f.setLenient(false);
        return f;
    }
}
