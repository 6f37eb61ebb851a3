export {
  createSlotScheduler,
  type AcquireOptions,
  type SlotLease,
  type SlotScheduler,
  type SlotSchedulerOptions,
  type SlotSchedulerStats,
} from './slot-scheduler.js';
