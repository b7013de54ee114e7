/**
 * leakproof/runtime: confirms in a live process what the rules predict in source, the way Erlang's
 * `recon:bin_leak` does. No dependencies; every function catches at its boundary and returns a result,
 * so nothing here throws into the host program. All but `track` are cheap enough for production.
 * Reference: docs/runtime.md.
 */
export { copy, detach, retainedBytes } from './copy';
export { inspect } from './inspect';
export { register, unregister, registered, binLeak } from './registry';
export { hibernate, hibernateWhenIdle } from './hibernate';
export { track, untrack, isTracking } from './track';
export { report, writeReport, toSarifFindings } from './report';
export type {
  BinLeakEntry,
  BinLeakOptions,
  HibernateOptions,
  HibernateReplacement,
  HibernateResult,
  HibernateSkip,
  HibernateWhenIdleOptions,
  IdleToucher,
  InspectOptions,
  InspectResult,
  RetainedBuffer,
  RuntimeFinding,
  RuntimeReport,
  RuntimeRule,
  RuntimeSite,
  TrackOptions,
} from './types';
