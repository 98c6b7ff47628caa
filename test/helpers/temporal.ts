/** Shared set-up for workflow tests: the time-skipping server from the project's own binary. */
export { createTimeSkippingEnv } from '../../runtime/time-skipping';
