// A recording native bridge: sets up what Capacitor's Android or iOS runtime puts on the window
// (platform marker, PluginHeaders from the native method list, nativePromise) and loads the plugin
// against it, so tests see each call exactly as the native layer would receive it.
import { vi } from 'vitest';

import contract from './bridge-contract.json';

export interface RecordedCall {
  pluginName: string;
  methodName: string;
  options: unknown;
}

export type Platform = 'android' | 'ios';

type Answer = (methodName: string, options: unknown) => Promise<unknown>;

/** Methods the given platform's plugin class declares (Android-only ones are absent on iOS). */
export function nativeMethodNames(platform: Platform): string[] {
  return Object.entries(contract.methods)
    .filter(([, m]) => !('platforms' in m) || (m.platforms as string[]).includes(platform))
    .map(([name]) => name);
}

interface BridgeGlobals {
  androidBridge?: unknown;
  webkit?: unknown;
  Capacitor?: unknown;
}

/** Reset the globals so a later load sees a plain web page again. */
export function resetToWeb(): void {
  const g = globalThis as BridgeGlobals;
  delete g.androidBridge;
  delete g.webkit;
  delete g.Capacitor;
  vi.resetModules();
}

/**
 * Load `load()` (the plugin module, or a built bundle) with a fresh Capacitor runtime for
 * `platform`. Every native call is recorded; `answer` decides what native resolves or rejects.
 */
export async function withRecordingBridge<T>(
  platform: Platform,
  load: () => Promise<T>,
  answer: Answer = async () => ({}),
): Promise<{ module: T; calls: RecordedCall[] }> {
  resetToWeb();
  const g = globalThis as BridgeGlobals;
  if (platform === 'android') g.androidBridge = { postMessage: () => undefined };
  else g.webkit = { messageHandlers: { bridge: { postMessage: () => undefined } } };
  const calls: RecordedCall[] = [];
  g.Capacitor = {
    PluginHeaders: [
      { name: contract.pluginName, methods: nativeMethodNames(platform).map((name) => ({ name, rtype: 'promise' })) },
    ],
    nativePromise: (pluginName: string, methodName: string, options: unknown) => {
      calls.push({ pluginName, methodName, options });
      return answer(methodName, options);
    },
    nativeCallback: () => {
      throw new Error('the plugin has no callback methods');
    },
  };
  const module = await load();
  return { module, calls };
}
