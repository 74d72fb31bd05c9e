// COMPILE-ONLY SHIM of com.timesafari.dailynotification.R, the resource class the Android Gradle
// Plugin generates from android/src/main/res (namespace com.timesafari.dailynotification). Only the
// ids the plugin reads; the values are placeholders that stand for the resources in the tests.
package com.timesafari.dailynotification;

public final class R {

    private R() {}

    public static final class drawable {

        private drawable() {}

        public static int dnp_ic_stat_notification = 0x7f080001;
    }
}
