/** Posterior refinements applied after training, such as importance sampling with the likelihood. */
package org.sbi4j.runtime.refine;
