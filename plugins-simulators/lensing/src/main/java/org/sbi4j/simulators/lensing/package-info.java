/**
 * The {@code lensing} simulator plugin: strong gravitational lens images (SIE + external shear, ray-traced
 * elliptical Sérsic source, Sérsic lens light, Gaussian PSF, Gaussian noise) with exact vector–Jacobian products
 * and a Gaussian likelihood; see {@link org.sbi4j.simulators.lensing.LensingSimulator}.
 */
package org.sbi4j.simulators.lensing;
