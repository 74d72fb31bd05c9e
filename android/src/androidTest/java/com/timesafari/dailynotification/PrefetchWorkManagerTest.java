// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml);
// androidx is not available where the host tests run, so this file is not compiled there.
// The prefetch as WorkManager runs it: configure the store (real AndroidKeyStore), queue the
// plugin's PrefetchWorker with its network constraint, let work-testing's TestDriver meet the
// constraint and the delay, and the worker calls a loopback Endorser in this process.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import androidx.work.Configuration;
import androidx.work.ExistingWorkPolicy;
import androidx.work.WorkInfo;
import androidx.work.WorkManager;
import androidx.work.testing.SynchronousExecutor;
import androidx.work.testing.TestDriver;
import androidx.work.testing.WorkManagerTestInitHelper;
import java.util.List;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class PrefetchWorkManagerTest {

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();

    @Before
    public void testWorkManager() {
        Configuration config = new Configuration.Builder().setExecutor(new SynchronousExecutor()).build();
        WorkManagerTestInitHelper.initializeTestWorkManager(context, config);
    }

    @After
    public void clear() throws Exception {
        NativeCore.clear();
        KeystoreKeyWrapper.androidKeyStore().delete();
    }

    @Test
    public void the_worker_prefetches_from_the_configured_server_when_its_constraints_are_met() throws Exception {
        try (DeviceFixtures.LoopbackEndorser server = new DeviceFixtures.LoopbackEndorser()) {
            NativeFetcher.ensureInitialized(context);
            NativeCore.configure(DeviceFixtures.options(server.baseUrl()).toString());

            // The name the core gives a fetch instant's work (docs/core-contract.md, "Schedule").
            String name = "daily_notification_prefetch@" + (System.currentTimeMillis() + 60_000L);
            PrefetchWorker.enqueue(context, name, ExistingWorkPolicy.KEEP, 60_000L);
            List<WorkInfo> queued = WorkManager.getInstance(context).getWorkInfosForUniqueWork(name).get();
            assertEquals(1, queued.size());
            assertEquals(WorkInfo.State.ENQUEUED, queued.get(0).getState());

            TestDriver driver = WorkManagerTestInitHelper.getTestDriver(context);
            driver.setAllConstraintsMet(queued.get(0).getId());
            driver.setInitialDelayMet(queued.get(0).getId());

            WorkInfo done = WorkManager.getInstance(context).getWorkInfoById(queued.get(0).getId()).get();
            assertEquals(WorkInfo.State.SUCCEEDED, done.getState());
            assertEquals(1, server.reports.get());
            assertEquals("the request carried a pool token", 1, server.withBearer.get());
            JSONObject last = new JSONObject(NativeCore.status()).getJSONObject("lastPrefetch");
            assertEquals("ok", last.getString("outcome"));
            assertTrue("the changed plan was reported", last.getInt("changedPlans") >= 1);
        }
    }
}
