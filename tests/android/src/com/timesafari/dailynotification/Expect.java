// Assertions for native failures: the exception, its code, a message that says something and
// contains no token of the shared pool.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

final class Expect {

    interface Call {
        void run() throws Exception;
    }

    private Expect() {}

    static NativeCoreException nativeError(String code, Call call) {
        try {
            call.run();
        } catch (NativeCoreException e) {
            assertEquals("error code", code, e.getCode());
            assertNotNull("message", e.getMessage());
            assertTrue("message is empty", !e.getMessage().trim().isEmpty());
            assertFalse("the message contains a token", TokenPools.leaks(e.getMessage(), TokenPools.shared()));
            return e;
        } catch (Exception e) {
            fail("expected NativeCoreException(" + code + "), got " + e.getClass().getName());
        }
        fail("expected NativeCoreException(" + code + "), nothing was thrown");
        return null;
    }
}
