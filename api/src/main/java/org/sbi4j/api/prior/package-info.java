/**
 * Stock priors: {@link org.sbi4j.api.prior.BoxUniformPrior}, {@link org.sbi4j.api.prior.NormalPrior},
 * {@link org.sbi4j.api.prior.LogNormalPrior} and the product {@link org.sbi4j.api.prior.IndependentPrior};
 * the helpers {@link org.sbi4j.api.prior.Gaussian} and {@link org.sbi4j.api.prior.TruncatedNormal}.
 */
package org.sbi4j.api.prior;
