/**
 * Rejection ABC, the {@code REJ-ABC} baseline of sbibm: keep the simulations whose data lie closest to the
 * observation and sample a Gaussian kernel density estimate fitted to their parameters (or resample them).
 * The rejection runs at sampling time, so one fitted posterior answers any observation.
 */
package org.sbi4j.estimators.abc;
