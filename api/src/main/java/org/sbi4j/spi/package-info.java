/**
 * The service-provider entry points: a plugin jar lists its {@link org.sbi4j.spi.Plugin} implementation in
 * {@code META-INF/services/org.sbi4j.spi.Plugin}; the plugin hands out named factories, each building
 * its product from a typed {@link org.sbi4j.spi.Settings} object that the runtime fills from the config.
 */
package org.sbi4j.spi;
