// COMPILE-ONLY SHIM of com.getcapacitor.android.R, the resource class the Android Gradle Plugin
// generates from @capacitor/android's res/ (namespace com.getcapacitor.android). Only the id that
// Capacitor's Bridge reads; the value is a placeholder, never used at run time in the tests.
package com.getcapacitor.android;

public final class R {

    private R() {}

    public static final class id {

        private id() {}

        public static int webview = 0;
    }
}
